import type { LedgerEvent } from '@ledger/ledger';
import type { Projection, ProjectionContext, ProjectionDocument } from '@ledger/projections';
import type { ReadStore, ReadWrite } from '@ledger/read-store';
import { planBatch, projectBatch } from './batch-projection';
import { checkpointNameOf } from './collections';
import { loadDocuments } from './load-documents';

/** What one commit of a lane did. */
export type LaneCommit = Readonly<{
  /** Events past the lane's checkpoint that were handed to the projection. */
  events: number;
  /** Documents written or deleted. */
  writes: number;
}>;

export type LaneOptions = Readonly<{
  /** Most ids per getMany call (huge rebuild batches are split). Default 5000. */
  maxIdsPerRead?: number;
}>;

/**
 * One projection writing into one collection, with the checkpoint of that collection.
 * Events at or below the checkpoint are skipped here, so lanes that stand at different positions
 * can share one subscription that starts at the lowest of them.
 */
export class ProjectionLane {
  eventsProcessed = 0;
  documentsWritten = 0;
  lastCommitAt: Date | undefined;
  /** Where the time went (ms): reading documents, applying events in memory, committing. */
  readonly timings = { loadMs: 0, applyMs: 0, commitMs: 0 };

  constructor(
    readonly projection: Projection<ProjectionDocument>,
    readonly collection: string,
    /** Global position up to which every event has been applied (the stored checkpoint). */
    public position: bigint,
    private readonly options: LaneOptions = {},
  ) {}

  get checkpointName(): string {
    return checkpointNameOf(this.collection);
  }

  /**
   * Applies the events after this lane's position and commits their writes together with the
   * checkpoint `upTo` (the batch's last position, which may be past the last event: foreign events,
   * 'checkpoint' items). Nothing is committed, and the position stays, if apply throws.
   */
  async advance(
    readStore: ReadStore,
    events: readonly LedgerEvent[],
    upTo: bigint,
    context: ProjectionContext,
  ): Promise<LaneCommit> {
    if (upTo <= this.position) return { events: 0, writes: 0 };
    const pending = events.filter((event) => event.position > this.position && event.position <= upTo);
    let writes: ReadWrite[] = [];
    let started = performance.now();
    if (pending.length > 0) {
      const plan = planBatch(this.projection, pending);
      const loaded = await this.load(readStore, plan.ids);
      this.timings.loadMs += performance.now() - started;
      started = performance.now();
      ({ writes } = projectBatch(this.projection, this.collection, pending, loaded, context, plan));
      this.timings.applyMs += performance.now() - started;
      started = performance.now();
    }
    await readStore.commit(writes, { name: this.checkpointName, position: upTo });
    this.timings.commitMs += performance.now() - started;
    this.position = upTo;
    this.eventsProcessed += pending.length;
    this.documentsWritten += writes.length;
    this.lastCommitAt = new Date();
    return { events: pending.length, writes: writes.length };
  }

  private async load(readStore: ReadStore, ids: Iterable<string>): Promise<Map<string, ProjectionDocument | null>> {
    const loaded = new Map<string, ProjectionDocument | null>();
    await loadDocuments(readStore, this.collection, [...ids], loaded, this.options.maxIdsPerRead);
    return loaded;
  }
}
