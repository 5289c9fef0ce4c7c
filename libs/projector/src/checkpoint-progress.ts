import { INCIDENT_PROJECTIONS, type Projection, type ProjectionDocument } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { checkpointNameOf } from './collections';
import { PositionWaiters } from './internal/position-waiters';

/**
 * How far the read models have got, read from the read store itself: for each projection, the
 * checkpoint of its ACTIVE collection. For a process that serves queries while the projector runs
 * elsewhere (apps/projector): same waitForPosition contract as Projector, by polling. Concurrent
 * waiters share one poll loop, which runs only while someone waits.
 */
export class CheckpointProgress {
  private readonly waiters = new PositionWaiters();
  private waiting = 0;
  private polling: Promise<void> | undefined;

  constructor(
    private readonly readStore: ReadStore,
    private readonly projections: readonly Projection<ProjectionDocument>[] = INCIDENT_PROJECTIONS,
    private readonly pollIntervalMs = 25,
  ) {}

  /** The lowest checkpoint over the active collections; undefined while one is not built yet. */
  async position(): Promise<bigint | undefined> {
    let lowest: bigint | undefined;
    for (const projection of this.projections) {
      const collection = await this.readStore.getActiveCollection(projection.name);
      if (collection === undefined) return undefined;
      const position = (await this.readStore.readCheckpoint(checkpointNameOf(collection))) ?? 0n;
      if (lowest === undefined || position < lowest) lowest = position;
    }
    return lowest;
  }

  /** Resolves true once every active read model's checkpoint is at or past `position`, false after timeoutMs. */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const current = await this.position();
    if (current !== undefined && current >= position) return true;
    this.waiting++;
    const reached = this.waiters.wait(position, timeoutMs);
    this.polling ??= this.poll();
    try {
      return await reached;
    } finally {
      this.waiting--;
    }
  }

  private async poll(): Promise<void> {
    try {
      while (this.waiting > 0) {
        await new Promise((resolve) => setTimeout(resolve, this.pollIntervalMs));
        try {
          const current = await this.position();
          if (current !== undefined) this.waiters.settle(current);
        } catch {
          // The store is briefly unavailable: the waiters time out if it stays so.
        }
      }
    } finally {
      this.polling = undefined;
    }
  }
}
