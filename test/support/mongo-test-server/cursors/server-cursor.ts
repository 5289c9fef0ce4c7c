import { calculateObjectSize, type Document } from 'bson';

/** mongod caps a reply batch near 16 MiB of documents. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024 - 16 * 1024;

/** An open cursor over a materialized result. */
export class ServerCursor {
  private position = 0;

  constructor(
    readonly id: number,
    readonly ns: string,
    private readonly results: readonly Document[],
  ) {}

  get exhausted(): boolean {
    return this.position >= this.results.length;
  }

  /** The next batch: at most `size` documents (no count limit when undefined) and about 16 MiB. */
  next(size: number | undefined): Document[] {
    const batch: Document[] = [];
    let bytes = 0;
    while (!this.exhausted && (size === undefined || batch.length < size)) {
      const doc = this.results[this.position];
      const docBytes = calculateObjectSize(doc, { ignoreUndefined: true });
      if (batch.length > 0 && bytes + docBytes > MAX_BATCH_BYTES) break;
      batch.push(doc);
      bytes += docBytes;
      this.position++;
    }
    return batch;
  }
}
