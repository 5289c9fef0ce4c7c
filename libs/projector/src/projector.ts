import { INCIDENT_STREAM_PREFIX, type EventStore } from '@ledger/event-store';
import { LedgerEventCodec, type LedgerEvent } from '@ledger/ledger';
import {
  DEFAULT_PROJECTION_CONTEXT,
  INCIDENT_PROJECTIONS,
  ProjectionOrderError,
  versionedName,
  type Projection,
  type ProjectionContext,
  type ProjectionDocument,
} from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { checkpointNameOf, isCollectionOfVersion, versionOfCollection } from './collections';
import { retryDelayMs } from './internal/backoff';
import { PositionWaiters } from './internal/position-waiters';
import { RateMeter } from './internal/rate-meter';
import { StopSignal } from './internal/stop-signal';
import { consoleProjectorLogger, describeError, type ProjectorLogger } from './logger';
import { ProjectionLane } from './projection-lane';
import type { ProjectorOptions } from './projector-options';
import type { ProjectorError, ProjectorState, ProjectorStatus } from './projector-status';
import { defaultIndexesFor } from './read-model-indexes';
import { ProjectionRebuild } from './rebuild';
import { SubscriptionBatcher, type SubscriptionBatch } from './subscription-batcher';

type AnyProjection = Projection<ProjectionDocument>;

/** A lane's commit failed; carries which projection, for the status. */
class LaneError extends Error {
  constructor(
    readonly projection: string,
    override readonly cause: unknown,
  ) {
    super(`${projection}: ${describeError(cause)}`);
    this.name = cause instanceof Error ? cause.name : 'Error';
  }
}

/**
 * Keeps the read models current: follows the event store with one catch-up subscription from the
 * lowest checkpoint of its projections, and for every batch (up to batchSize events, or what
 * arrived within maxBatchWaitMs) loads each projection's documents once, applies the events in
 * memory and commits the writes together with that projection's checkpoint.
 *
 * - Checkpoints: one per collection (named after it), so each projection advances on its own and a
 *   blue-green switch brings its checkpoint along; see collections.ts.
 * - Crash safety: writes and checkpoint are one commit (atomic, or ordered for non-atomic stores;
 *   see batch-projection.ts); after a restart the events past the checkpoint are applied again and
 *   the projections skip whatever was already applied.
 * - Errors (subscription dropped, store down, a gap = ProjectionOrderError): nothing is committed
 *   for the failing projection, the error is logged and kept in status().lastError, and the
 *   projector resubscribes from the checkpoints after a capped exponential backoff.
 * - Blue-green: the active pointers are checked before every batch is committed and every
 *   switchCheckMs when idle; after a switch the projector moves to the new collection and continues
 *   from that collection's checkpoint (where the rebuild stopped).
 */
export class Projector {
  private readonly eventStore: EventStore;
  private readonly readStore: ReadStore;
  private readonly projections: readonly AnyProjection[];
  private readonly context: ProjectionContext;
  private readonly codec: LedgerEventCodec;
  private readonly logger: ProjectorLogger;
  private readonly stopSignal = new StopSignal();
  private readonly waiters = new PositionWaiters();
  private readonly rate = new RateMeter();

  private state: ProjectorState = 'created';
  private lanes: ProjectionLane[] = [];
  /** Projections whose active collection is of another version: rebuilt before following. */
  private outdated: AnyProjection[] = [];
  /** The run loop must re-read the pointers and checkpoints (first start, after an error, a switch). */
  private reloadLanes = true;
  /** A switch was seen: the lanes' positions say nothing about the active collections until reloaded. */
  private pointersChanged = false;
  private batcher: SubscriptionBatcher | undefined;
  private running: Promise<void> | undefined;
  private caughtUp = false;
  private attempt = 0;
  /** Batches in a row refused because another writer was ahead (CheckpointConflictError). */
  private conflicts = 0;
  private eventsRead = 0;
  private batches = 0;
  private lastError: ProjectorError | undefined;

  constructor(private readonly options: ProjectorOptions) {
    this.eventStore = options.eventStore;
    this.readStore = options.readStore;
    this.projections = options.projections ?? INCIDENT_PROJECTIONS;
    this.context = options.context ?? DEFAULT_PROJECTION_CONTEXT;
    this.codec = options.codec ?? new LedgerEventCodec();
    this.logger = options.logger ?? consoleProjectorLogger();
    const names = this.projections.map((p) => p.name);
    if (new Set(names).size !== names.length) throw new RangeError(`Projector: duplicate projection in ${names.join(', ')}`);
  }

  /**
   * Prepares the collections (creating and activating `versionedName` on first start) and starts
   * following in the background. Rejects if the read store cannot be prepared; later errors are retried.
   */
  async start(): Promise<void> {
    if (this.state !== 'created') throw new Error(`Projector cannot start: it is ${this.state}`);
    this.state = 'starting';
    try {
      await this.loadLanes();
    } catch (error) {
      this.state = 'stopped';
      throw error;
    }
    if (this.stopSignal.requested) return;
    this.running = this.run();
  }

  /** Finishes and commits the batch in progress, closes the subscription, and resolves when done. */
  async stop(): Promise<void> {
    if (this.state === 'created') this.state = 'stopped';
    if (this.state === 'stopped') return;
    this.state = 'stopping';
    this.stopSignal.request();
    await this.running;
    this.state = 'stopped';
    this.waiters.cancelAll();
  }

  /**
   * Read-your-writes: resolves true once every projection has applied everything up to `position`
   * (a command's position) in the collection that is active, false after timeoutMs or on stop.
   */
  async waitForPosition(position: bigint, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.state === 'stopped' || this.state === 'stopping') return this.readPosition() >= position;
      const reached =
        this.readPosition() >= position || (await this.waiters.wait(position, deadline - Date.now()));
      if (!reached) return false;
      // Reads go to the active collections; make sure ours still are (a rebuild may have switched).
      if (await this.lanesAreActive()) return true;
      this.pointersChanged = true;
      this.reloadLanes = true;
      this.batcher?.poke();
    }
  }

  /** A snapshot of positions, lag, rate and errors; asks the event store for its head. */
  async status(): Promise<ProjectorStatus> {
    let headPosition: bigint | undefined;
    try {
      headPosition = await this.eventStore.headPosition();
    } catch (error) {
      this.recordError(error);
    }
    const position = this.lowestPosition();
    const lag = headPosition === undefined ? undefined : headPosition > position ? headPosition - position : 0n;
    return {
      state: this.state,
      position,
      headPosition,
      lag,
      lagUnit: 'position',
      caughtUp: this.caughtUp && !this.reloadLanes && this.outdated.length === 0 && lag === 0n,
      eventsPerSecond: this.rate.perSecond(),
      eventsRead: this.eventsRead,
      batches: this.batches,
      lastError: this.lastError,
      projections: this.lanes.map((lane) => ({
        projection: lane.projection.name,
        version: lane.projection.version,
        collection: lane.collection,
        position: lane.position,
        eventsProcessed: lane.eventsProcessed,
        documentsWritten: lane.documentsWritten,
        ...(lane.lastCommitAt !== undefined && { lastCommitAt: lane.lastCommitAt }),
      })),
    };
  }

  private async run(): Promise<void> {
    while (!this.stopSignal.requested) {
      try {
        if (this.reloadLanes) await this.loadLanes();
        if (this.outdated.length > 0) await this.rebuildOutdated();
        this.state = 'running';
        await this.follow();
      } catch (error) {
        if (this.stopSignal.requested) break;
        this.attempt++;
        this.recordError(error);
        this.reloadLanes = true;
        const delay = retryDelayMs(this.attempt, this.options.retry);
        this.logger.error(`projector error (retry ${this.attempt} in ${delay} ms)`, error);
        this.state = 'retrying';
        await this.stopSignal.sleep(delay);
      }
    }
  }

  /** Follows one subscription until stop, a pointer switch, or an error. */
  private async follow(): Promise<void> {
    const after = this.lowestPosition();
    const batcher = new SubscriptionBatcher(
      this.eventStore.subscribeToAll({ after }),
      {
        maxEvents: this.options.batchSize ?? 500,
        maxCatchUpEvents: this.options.catchUpBatchSize ?? 5_000,
        maxWaitMs: this.options.maxBatchWaitMs ?? 50,
        idleMs: this.switchCheckMs,
      },
      this.stopSignal,
    );
    this.batcher = batcher;
    this.caughtUp = false;
    try {
      for (;;) {
        const batch = await batcher.next();
        // Before every commit (and on every idle wake-up): never write into a collection a rebuild
        // has switched away from; the batch is read again from the new collection's checkpoint.
        if (this.reloadLanes || (await this.pointersMoved())) {
          this.reloadLanes = true;
          return;
        }
        if (batch.upTo > 0n) await this.applyBatch(batch);
        if (this.reloadLanes) return;
        if (batch.caughtUp) this.caughtUp = true;
        if (this.stopSignal.requested) return;
        if (batch.ended) throw new Error('The event subscription ended unexpectedly');
      }
    } finally {
      this.batcher = undefined;
      await batcher.close();
    }
  }

  private async applyBatch(batch: SubscriptionBatch): Promise<void> {
    const events = this.decode(batch);
    const outcomes = await Promise.allSettled(
      this.lanes.map((lane) => lane.advance(this.readStore, events, batch.upTo, this.context)),
    );
    this.eventsRead += batch.events.length;
    this.batches++;
    this.rate.record(batch.events.length);
    this.waiters.settle(this.readPosition());
    const rejected = outcomes.filter((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
    if (rejected.length > 0 && rejected.every(({ reason }) => isCheckpointConflict(reason))) {
      // Another projector committed further (a second instance, or the old release during a deploy):
      // nothing of ours was written. Follow from its checkpoints. No backoff the first time, since
      // that is progress; one only if conflicts keep coming (two projectors overtaking each other).
      this.conflicts++;
      this.logger.warn(`another writer is ahead: ${(rejected[0]!.reason as Error).message}; continuing from its checkpoints`);
      this.reloadLanes = true;
      if (this.conflicts > 1) await this.stopSignal.sleep(retryDelayMs(this.conflicts - 1, this.options.retry));
      return;
    }
    // A real error wins over a conflict in another lane, so it is reported.
    const failed = outcomes.findIndex((outcome) => outcome.status === 'rejected' && !isCheckpointConflict(outcome.reason));
    if (failed >= 0) {
      const { reason } = outcomes[failed] as PromiseRejectedResult;
      // The failing projection did not move; the others did and are skipped on the replay.
      throw new LaneError(this.lanes[failed]!.projection.name, reason);
    }
    this.attempt = 0;
    this.conflicts = 0;
  }

  private decode(batch: SubscriptionBatch): LedgerEvent[] {
    const decoded: LedgerEvent[] = [];
    for (const event of batch.events) {
      // Other ledger streams (principals, …) carry no incident events and may not decode as such.
      if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) decoded.push(this.codec.decode(event));
    }
    return decoded;
  }

  /** (Re)reads each projection's active collection and checkpoint; first start creates them. */
  private async loadLanes(): Promise<void> {
    const indexes = this.options.indexes ?? defaultIndexesFor;
    const lanes: ProjectionLane[] = [];
    const outdated: AnyProjection[] = [];
    for (const projection of this.projections) {
      let collection = await this.readStore.getActiveCollection(projection.name);
      const activeVersion = collection === undefined ? undefined : versionOfCollection(projection, collection);
      if (activeVersion !== undefined && activeVersion > projection.version) {
        // A newer release switched reads to its version (a rolling deploy): rebuilding back to ours
        // would only make the two releases take turns. Leave it to the newer projector.
        this.logger.warn(`${projection.name}: ${collection} holds version ${activeVersion}, newer than v${projection.version}; not projecting it`);
        continue;
      }
      if (collection !== undefined && !isCollectionOfVersion(projection, collection)) {
        outdated.push(projection);
        continue;
      }
      if (collection === undefined) {
        collection = versionedName(projection);
        await this.readStore.ensureCollection(collection, indexes(projection));
        await this.readStore.setActiveCollection(projection.name, collection);
        this.logger.log(`${projection.name}: created ${collection}`);
      } else {
        await this.readStore.ensureCollection(collection, indexes(projection));
      }
      const position = (await this.readStore.readCheckpoint(checkpointNameOf(collection))) ?? 0n;
      lanes.push(new ProjectionLane(projection, collection, position));
    }
    this.lanes = lanes;
    this.outdated = outdated;
    this.reloadLanes = false;
    this.pointersChanged = false;
    this.waiters.settle(this.readPosition());
  }

  /**
   * A projection whose active collection holds another version is rebuilt blue-green into this
   * version's collection first; the old version's collection is kept (the previous release may
   * still read it; drop it by hand once it is gone).
   */
  private async rebuildOutdated(): Promise<void> {
    this.state = 'rebuilding';
    const names = this.outdated.map((p) => `${p.name} v${p.version}`).join(', ');
    this.logger.log(`rebuilding ${names}: the active collections hold another version`);
    const abort = new AbortController();
    const unlisten = this.stopSignal.onStop(() => abort.abort());
    try {
      const result = await new ProjectionRebuild({
        eventStore: this.eventStore,
        readStore: this.readStore,
        projections: this.outdated,
        context: this.context,
        codec: this.codec,
        indexes: this.options.indexes,
        logger: this.logger,
        dropPrevious: false,
        signal: abort.signal,
        ...this.options.rebuild,
      }).run();
      this.logger.log(
        `rebuilt ${names} up to position ${result.position} (${result.eventsRead} events, ${result.eventsPerSecond} events/s)`,
      );
    } finally {
      unlisten();
    }
    await this.loadLanes();
  }

  private async pointersMoved(): Promise<boolean> {
    const moved = !(await this.lanesAreActive());
    if (moved) {
      this.pointersChanged = true;
      this.logger.log('an active collection was switched (rebuild); following the new one');
    }
    return moved;
  }

  private async lanesAreActive(): Promise<boolean> {
    if (this.outdated.length > 0) return false;
    const active = await Promise.all(this.lanes.map((lane) => this.readStore.getActiveCollection(lane.projection.name)));
    return this.lanes.every((lane, i) => active[i] === lane.collection);
  }

  /** The position every active read model has reached; -1 while unknown (a switch not yet followed). */
  private readPosition(): bigint {
    if (this.pointersChanged || this.outdated.length > 0 || this.lanes.length === 0) return -1n;
    return this.lowestPosition();
  }

  private lowestPosition(): bigint {
    if (this.lanes.length === 0) return 0n;
    return this.lanes.reduce((low, lane) => (lane.position < low ? lane.position : low), this.lanes[0]!.position);
  }

  private get switchCheckMs(): number {
    return this.options.switchCheckMs ?? 1_000;
  }

  private recordError(error: unknown): void {
    const cause = error instanceof LaneError ? error.cause : error;
    this.lastError = {
      name: cause instanceof Error ? cause.name : 'Error',
      message: cause instanceof Error ? cause.message : String(cause),
      at: new Date(),
      ...(error instanceof LaneError && { projection: error.projection }),
      ...(cause instanceof ProjectionOrderError && { projection: cause.projection }),
    };
  }
}

/** Structural: the read store may come from another module instance (jest realms, a second copy). */
const isCheckpointConflict = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'CheckpointConflictError';
