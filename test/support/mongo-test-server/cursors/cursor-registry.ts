import { Long, type Document } from 'bson';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { ServerCursor } from './server-cursor';

/** mongod's first batch holds 101 documents unless the client asks for another size. */
export const DEFAULT_FIRST_BATCH = 101;

/**
 * Open cursors by id. Results are computed when the cursor opens and handed out in batches
 * by getMore; a cursor closes when exhausted or killed.
 */
export class CursorRegistry {
  private readonly cursors = new Map<number, ServerCursor>();

  get openCount(): number {
    return this.cursors.size;
  }

  /** Opens a cursor and returns the reply's `cursor` field with the first batch. */
  open(ns: string, results: readonly Document[], batchSize: number | undefined, singleBatch = false): Document {
    const cursor = new ServerCursor(this.newId(), ns, results);
    const firstBatch = cursor.next(batchSize ?? DEFAULT_FIRST_BATCH);
    const keep = !cursor.exhausted && !singleBatch;
    if (keep) this.cursors.set(cursor.id, cursor);
    return { firstBatch, id: Long.fromNumber(keep ? cursor.id : 0), ns };
  }

  /** @throws CommandError CursorNotFound (43), or Unauthorized (13) for another namespace. */
  getMore(id: number, ns: string, batchSize: number | undefined): Document {
    const cursor = this.cursors.get(id);
    if (!cursor) throw new CommandError(ErrorCode.CursorNotFound, `cursor id ${id} not found`);
    if (cursor.ns !== ns) {
      throw new CommandError(
        ErrorCode.Unauthorized,
        `Requested getMore on namespace '${ns}', but cursor belongs to a different namespace ${cursor.ns}`,
      );
    }
    const nextBatch = cursor.next(batchSize);
    if (cursor.exhausted) this.cursors.delete(id);
    return { nextBatch, id: Long.fromNumber(cursor.exhausted ? 0 : id), ns };
  }

  /** Kills cursors, reporting which existed. */
  kill(ids: readonly number[]): { killed: number[]; notFound: number[] } {
    const killed: number[] = [];
    const notFound: number[] = [];
    for (const id of ids) (this.cursors.delete(id) ? killed : notFound).push(id);
    return { killed, notFound };
  }

  clear(): void {
    this.cursors.clear();
  }

  private newId(): number {
    // ids stay below 2^53 so they survive the driver's and our Long <-> number promotion
    for (;;) {
      const id = Math.floor(Math.random() * (Number.MAX_SAFE_INTEGER - 1)) + 1;
      if (!this.cursors.has(id)) return id;
    }
  }
}
