import { INCIDENT_STREAM_PREFIX, type RecordedEvent } from '@ledger/event-store';
import { LedgerEventCodec, type LedgerEvent } from '@ledger/ledger';
import { DEFAULT_PROJECTION_CONTEXT, type Projection, type ProjectionDocument } from '@ledger/projections';
import { checkpointNameOf, rebuildCollectionName } from './collections';
import { describeError, silentProjectorLogger } from './logger';
import { defaultIndexesFor } from './read-model-indexes';
import { RebuildLane } from './rebuild-lane';
import {
  RebuildAbortedError,
  RebuildConflictError,
  type RebuildOptions,
  type RebuildProgress,
  type RebuildResult,
  type RebuiltCollection,
} from './rebuild-types';

type Target = { lane: RebuildLane; previous: string | undefined; switched: boolean };

/**
 * Blue-green rebuild: projects the whole ledger from position 0 into NEW collections
 * (`<versionedName>_r<epoch ms>`, with their indexes) while the current ones keep serving, then
 * switches each projection's active pointer and drops the previous collection.
 *
 * Built for throughput: the event store is read in large pages with readAll (no subscription),
 * and each projection applies them in memory as the only writer of its new collection (see
 * RebuildLane): it never reads back what it has not written, and commits its changed documents,
 * final states only, together with the new collection's checkpoint once enough are pending. A
 * crashed rebuild leaves an unswitched collection behind and nothing else.
 *
 * Once the head seen at the start is reached it keeps reading until a read comes back empty, then
 * switches. Events appended after that last read are applied by the live projector, which moves to
 * the new collection and continues from its checkpoint (see docs/projections.md, "Projector").
 */
export class ProjectionRebuild {
  private readonly codec: LedgerEventCodec;
  private readonly pageSize: number;
  private readonly batchEvents: number;

  constructor(private readonly options: RebuildOptions) {
    if (options.projections.length === 0) throw new RangeError('Rebuild: no projection given');
    this.codec = options.codec ?? new LedgerEventCodec();
    this.pageSize = options.pageSize ?? 5_000;
    this.batchEvents = Math.max(this.pageSize, options.batchEvents ?? 20_000);
  }

  async run(): Promise<RebuildResult> {
    const { eventStore, readStore } = this.options;
    const logger = this.options.logger ?? silentProjectorLogger;
    const started = performance.now();
    let head = await eventStore.headPosition();
    const targets: Target[] = [];
    let position = 0n;
    let eventsRead = 0;
    let readMs = 0;
    let phase: RebuildProgress['phase'] = 'loading';
    const report = (): void => {
      if (position > head) head = position;
      const elapsedMs = performance.now() - started;
      this.options.onProgress?.({
        phase,
        eventsRead,
        position,
        headPosition: head,
        ratio: phase === 'switched' || head === 0n ? 1 : Number((position * 1_000_000n) / head) / 1_000_000,
        eventsPerSecond: elapsedMs > 0 ? Math.round((eventsRead * 1_000) / elapsedMs) : 0,
        elapsedMs,
      });
    };
    try {
      await this.createCollections(targets);
      report();
      for (;;) {
        this.throwIfAborted();
        const reading = performance.now();
        const { decoded, count, last, exhausted } = await this.readAndDecode(position);
        if (count === 0) break;
        readMs += performance.now() - reading;
        // One after the other: the embedded store is synchronous anyway, and the timings stay per lane.
        for (const { lane } of targets) await lane.advance(readStore, decoded, last, this.context);
        position = last;
        eventsRead += count;
        if (exhausted || position >= head) phase = 'catching-up';
        report();
      }
      for (const { lane } of targets) await lane.flush(readStore);
      await this.switchActive(targets);
      phase = 'switched';
      report();
    } catch (error) {
      await this.abandon(targets, logger);
      throw error;
    }
    await this.dropPrevious(targets, logger);
    const seconds = (performance.now() - started) / 1_000;
    return {
      collections: targets.map(
        ({ lane, previous }): RebuiltCollection => ({
          projection: lane.projection.name,
          collection: lane.collection,
          ...(previous !== undefined && { previous }),
        }),
      ),
      position,
      eventsRead,
      seconds,
      eventsPerSecond: seconds > 0 ? Math.round(eventsRead / seconds) : eventsRead,
      timings: {
        readSeconds: readMs / 1_000,
        loadSeconds: sum(targets, 'loadMs') / 1_000,
        applySeconds: sum(targets, 'applyMs') / 1_000,
        commitSeconds: sum(targets, 'commitMs') / 1_000,
      },
    };
  }

  private get context() {
    return this.options.context ?? DEFAULT_PROJECTION_CONTEXT;
  }

  /** Adds each new collection to `targets` as soon as it exists, so a failure can drop it again. */
  private async createCollections(targets: Target[]): Promise<void> {
    const { readStore } = this.options;
    const existing = new Set(await readStore.listCollections());
    const clock = this.options.clock ?? (() => new Date());
    for (const projection of this.options.projections) {
      const previous = await readStore.getActiveCollection(projection.name);
      let at = clock().getTime();
      // Two rebuilds in the same millisecond must not share a collection.
      while (existing.has(rebuildCollectionName(projection, new Date(at)))) at++;
      const collection = rebuildCollectionName(projection, new Date(at));
      existing.add(collection);
      // Indexes come after the load (switchActive): building them once is far cheaper than
      // maintaining them through every insert, and nobody queries the collection before the switch.
      targets.push({
        lane: new RebuildLane(projection as Projection<ProjectionDocument>, collection, {
          ...(this.options.maxPendingWrites !== undefined && { maxPendingWrites: this.options.maxPendingWrites }),
        }),
        previous,
        switched: false,
      });
      await readStore.ensureCollection(collection, []);
      // A checkpoint that outlived a dropped collection of the same name would fence our commits.
      await readStore.deleteCheckpoint(checkpointNameOf(collection));
    }
  }

  /**
   * readBatch, decoded. The recorded events stay in here: only the decoded ones are kept while the
   * lanes apply them (the garbage collector would otherwise copy both through every batch).
   */
  private async readAndDecode(
    after: bigint,
  ): Promise<{ decoded: LedgerEvent[]; count: number; last: bigint; exhausted: boolean }> {
    const { events, last, exhausted } = await this.readBatch(after);
    return { decoded: this.decode(events), count: events.length, last, exhausted };
  }

  /** Reads pages until batchEvents events or the end; `exhausted` when a page came back short. */
  private async readBatch(after: bigint): Promise<{ events: RecordedEvent[]; last: bigint; exhausted: boolean }> {
    const events: RecordedEvent[] = [];
    let last = after;
    for (;;) {
      const page = await this.options.eventStore.readAll({ after: last, maxCount: this.pageSize });
      for (const event of page) events.push(event);
      if (page.length > 0) last = page[page.length - 1]!.position;
      if (page.length < this.pageSize) return { events, last, exhausted: true };
      if (events.length >= this.batchEvents) return { events, last, exhausted: false };
    }
  }

  private decode(events: readonly RecordedEvent[]): LedgerEvent[] {
    const decoded: LedgerEvent[] = [];
    for (const event of events) {
      // Other ledger streams (principals, …) carry no incident events and may not decode as such.
      if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) decoded.push(this.codec.decode(event));
    }
    return decoded;
  }

  /** Builds the indexes, then compare-then-set per projection: refuses to switch if someone else switched meanwhile. */
  private async switchActive(targets: Target[]): Promise<void> {
    const { readStore } = this.options;
    const indexes = this.options.indexes ?? defaultIndexesFor;
    for (const { lane } of targets) await readStore.ensureCollection(lane.collection, indexes(lane.projection));
    for (const target of targets) {
      const name = target.lane.projection.name;
      const current = await readStore.getActiveCollection(name);
      if (current !== target.previous) throw new RebuildConflictError(name, target.previous, current);
    }
    for (const target of targets) {
      await readStore.setActiveCollection(target.lane.projection.name, target.lane.collection);
      target.switched = true;
    }
  }

  private async dropPrevious(targets: Target[], logger: typeof silentProjectorLogger): Promise<void> {
    if (this.options.dropPrevious === false) return;
    const { readStore } = this.options;
    const old = targets.filter((t) => t.previous !== undefined && t.previous !== t.lane.collection);
    if (old.length === 0) return;
    const delay = this.options.dropDelayMs ?? 2_000;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    for (const { previous } of old) {
      try {
        await readStore.dropCollection(previous!);
        await readStore.deleteCheckpoint(checkpointNameOf(previous!));
      } catch (error) {
        // The switch is done; a leftover collection is only wasted space.
        logger.warn(`could not drop the previous collection ${previous}: ${describeError(error)}`);
      }
    }
  }

  /** Drops the new collections that never became active; best effort. */
  private async abandon(targets: Target[], logger: typeof silentProjectorLogger): Promise<void> {
    const { readStore } = this.options;
    for (const { lane, switched } of targets) {
      if (switched) continue;
      try {
        await readStore.dropCollection(lane.collection);
        await readStore.deleteCheckpoint(lane.checkpointName);
      } catch (error) {
        logger.warn(`could not drop the abandoned collection ${lane.collection}: ${describeError(error)}`);
      }
    }
  }

  private throwIfAborted(): void {
    if (this.options.signal?.aborted) throw new RebuildAbortedError('Rebuild aborted');
  }
}

const sum = (targets: readonly Target[], key: keyof RebuildLane['timings']): number =>
  targets.reduce((total, { lane }) => total + lane.timings[key], 0);

/** Runs a blue-green rebuild (see ProjectionRebuild). */
export const rebuildProjections = (options: RebuildOptions): Promise<RebuildResult> =>
  new ProjectionRebuild(options).run();
