import type { LedgerEvent } from '@ledger/ledger';
import type { Projection, ProjectionContext, ProjectionDocument } from '@ledger/projections';
import type { ReadDocument, ReadStore, ReadWrite } from '@ledger/read-store';
import { checkpointNameOf } from './collections';
import { loadDocuments } from './load-documents';

export type RebuildLaneOptions = Readonly<{
  /**
   * Documents changed in memory before they are committed with the checkpoint. A rebuild
   * rewrites the same summary many times over: deferring the write keeps only its last state.
   * Default 50 000 (a few hundred MB of heap at most).
   */
  maxPendingWrites?: number;
  /** Most ids per getMany call. Default 5000. */
  maxIdsPerRead?: number;
}>;

/**
 * One projection rebuilt into a NEW collection that nothing else writes. Unlike the live lane it
 * knows everything the collection holds, so it:
 * - never asks the store for an id it has not written (a fresh collection has nothing else);
 * - keeps documents changed since the last commit in memory, and commits them (their final
 *   state only, sorted by id for the store's B-tree) with the checkpoint once there are
 *   maxPendingWrites of them, or on flush().
 * The checkpoint therefore lags the events applied in memory; a rebuild that fails is abandoned
 * whole, so nothing ever continues from an intermediate checkpoint but the rebuild's own last.
 */
export class RebuildLane {
  eventsProcessed = 0;
  documentsWritten = 0;
  /** Where the time went (ms): reading documents, applying events in memory, committing. */
  readonly timings = { loadMs: 0, applyMs: 0, commitMs: 0 };
  /** Every event up to here is applied in memory. */
  position = 0n;
  /** Every event up to here is committed. */
  committedPosition = 0n;
  /** Documents that may be read again soon, and every uncommitted one (null = deleted). */
  private memory = new Map<string, ProjectionDocument | null>();
  /**
   * Uncommitted changes. Their order does not matter, even on a store without transactions: a
   * rebuild that stops half-way is dropped, never continued (unlike the live lane's batches).
   */
  private readonly pending = new Map<string, ProjectionDocument | null>();
  /** Ids that exist in the store (committed puts not deleted since). */
  private readonly stored = new Set<string>();
  private readonly maxPendingWrites: number;

  constructor(
    readonly projection: Projection<ProjectionDocument>,
    readonly collection: string,
    private readonly options: RebuildLaneOptions = {},
  ) {
    this.maxPendingWrites = options.maxPendingWrites ?? 50_000;
    if (!Number.isInteger(this.maxPendingWrites) || this.maxPendingWrites < 1) {
      throw new RangeError('maxPendingWrites must be a positive integer');
    }
  }

  get checkpointName(): string {
    return checkpointNameOf(this.collection);
  }

  get pendingWrites(): number {
    return this.pending.size;
  }

  /**
   * Applies `events` (in position order, all after this lane's position) in memory; `upTo` is the
   * batch's last position. Commits when enough changes are pending. Throws whatever apply throws.
   */
  async advance(readStore: ReadStore, events: readonly LedgerEvent[], upTo: bigint, context: ProjectionContext): Promise<void> {
    if (upTo <= this.position) return;
    let started = performance.now();
    const idsOfEvents = await this.load(readStore, events);
    this.timings.loadMs += performance.now() - started;
    started = performance.now();
    // Same semantics as projectBatch (each event sees what the events before it wrote), applied
    // straight to `memory`: no per-batch copies, since nothing else reads these documents.
    const { memory, projection } = this;
    const view = new Map<string, ProjectionDocument | null>();
    const touched = new Set<string>();
    for (let i = 0; i < events.length; i++) {
      const ids = idsOfEvents[i]!;
      if (ids.length === 0) continue;
      view.clear();
      for (const id of ids) {
        view.set(id, memory.get(id) ?? null);
        touched.add(id);
      }
      for (const write of projection.apply(view, events[i]!, context)) {
        const id = write.type === 'put' ? write.document.id : write.id;
        const document = write.type === 'put' ? write.document : null;
        memory.set(id, document);
        touched.add(id);
        this.pending.set(id, document);
      }
    }
    this.eventsProcessed += events.length;
    this.position = upTo;
    this.timings.applyMs += performance.now() - started;
    if (this.pendingWrites >= this.maxPendingWrites) await this.commit(readStore, touched);
  }

  /** Commits everything pending with the checkpoint at `position`. */
  async flush(readStore: ReadStore): Promise<void> {
    if (this.committedPosition === this.position && this.pendingWrites === 0) return;
    await this.commit(readStore, new Set());
  }

  /** `keep`: ids of the latest batch, whose documents stay in memory as the next batch's likeliest reads. */
  private async commit(readStore: ReadStore, keep: ReadonlySet<string>): Promise<void> {
    const started = performance.now();
    const writes = this.toWrites();
    await readStore.commit(writes, { name: this.checkpointName, position: this.position });
    for (const write of writes) {
      if (write.type === 'put') this.stored.add(write.document.id);
      else this.stored.delete(write.id);
    }
    this.documentsWritten += writes.length;
    this.pending.clear();
    const kept = new Map<string, ProjectionDocument | null>();
    for (const id of keep) kept.set(id, this.memory.get(id) ?? null);
    this.memory = kept;
    this.committedPosition = this.position;
    this.timings.commitMs += performance.now() - started;
  }

  /** Sorted by id: B-tree inserts in key order touch each page once, not at random. */
  private toWrites(): ReadWrite[] {
    const { pending } = this;
    const ids = [...pending.keys()].sort();
    const { collection } = this;
    return ids.map((id): ReadWrite => {
      const document = pending.get(id)!;
      return document === null
        ? { collection, type: 'delete', id }
        : { collection, type: 'put', document: document as unknown as ReadDocument };
    });
  }

  /**
   * Each event's document ids; brings into `memory` the ones that were committed and evicted
   * since (every other id is either in memory or absent from the new collection).
   */
  private async load(readStore: ReadStore, events: readonly LedgerEvent[]): Promise<(readonly string[])[]> {
    const idsOfEvents = new Array<readonly string[]>(events.length);
    const missing = new Set<string>();
    for (let i = 0; i < events.length; i++) {
      const ids = this.projection.documentIds(events[i]!);
      idsOfEvents[i] = ids;
      for (const id of ids) if (!this.memory.has(id) && this.stored.has(id)) missing.add(id);
    }
    if (missing.size > 0) await loadDocuments(readStore, this.collection, [...missing], this.memory, this.options.maxIdsPerRead);
    return idsOfEvents;
  }
}
