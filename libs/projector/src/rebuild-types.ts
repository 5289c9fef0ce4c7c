import type { EventStore } from '@ledger/event-store';
import type { LedgerEventCodec } from '@ledger/ledger';
import type { Projection, ProjectionContext, ProjectionDocument } from '@ledger/projections';
import type { IndexSpec, ReadStore } from '@ledger/read-store';
import type { ProjectorLogger } from './logger';

/** Reported after every batch applied, and once more when the new collections are live. */
export type RebuildProgress = Readonly<{
  /** 'loading' up to the head seen at the start, 'catching-up' on what was appended since, then 'switched'. */
  phase: 'loading' | 'catching-up' | 'switched';
  /** Events read so far (all ledger streams). */
  eventsRead: number;
  /** Global position reached: every event up to it is applied (committed by the switch at the latest). */
  position: bigint;
  /**
   * The target: the head position when the rebuild started, raised to `position` once passed, so
   * `ratio` never goes down.
   */
  headPosition: bigint;
  /** position / headPosition in position units (events on the embedded store), 0..1; 1 when done. */
  ratio: number;
  /** Average since the start. */
  eventsPerSecond: number;
  elapsedMs: number;
}>;

export type RebuildOptions = Readonly<{
  eventStore: EventStore;
  readStore: ReadStore;
  /** One or more projections, rebuilt in a single pass over the events (each into its own new collection). */
  projections: readonly Projection<ProjectionDocument>[];
  context?: ProjectionContext;
  codec?: LedgerEventCodec;
  /** Indexes of each new collection. Default: defaultIndexesFor. */
  indexes?: (projection: Projection<ProjectionDocument>) => readonly IndexSpec[];
  /** Events per readAll page. Default 5000. */
  pageSize?: number;
  /** Events applied at a time (pages are read until this many). Default 20 000. */
  batchEvents?: number;
  /**
   * Changed documents a projection keeps in memory before it commits them with its checkpoint
   * (see RebuildLane). Default 50 000.
   */
  maxPendingWrites?: number;
  onProgress?: (progress: RebuildProgress) => void;
  /** Drop the collection that was active before, and its checkpoint, after the switch. Default true. */
  dropPrevious?: boolean;
  /**
   * Wait this long between the switch and dropping the previous collection, so live projectors
   * (which look at the pointers at least every second) have moved to the new one. Default 2000.
   */
  dropDelayMs?: number;
  /** Aborting stops at the next batch; the new, unswitched collections are dropped. */
  signal?: AbortSignal;
  logger?: ProjectorLogger;
  /** Names the new collections (`<versionedName>_r<epoch ms>`). */
  clock?: () => Date;
}>;

export type RebuiltCollection = Readonly<{
  projection: string;
  /** The new, now active collection. */
  collection: string;
  /** The collection that was active before (dropped unless dropPrevious is false), if any. */
  previous?: string;
}>;

export type RebuildResult = Readonly<{
  collections: readonly RebuiltCollection[];
  /** Checkpoint of the new collections: live projectors continue from here. */
  position: bigint;
  eventsRead: number;
  seconds: number;
  eventsPerSecond: number;
  /**
   * Where the time went: reading and decoding events; and, summed over the projections (which run
   * one after the other), reading their documents, applying events in memory, committing.
   */
  timings: Readonly<{ readSeconds: number; loadSeconds: number; applySeconds: number; commitSeconds: number }>;
}>;

/** Someone else switched the active collection while this rebuild ran; the rebuild did not switch. */
export class RebuildConflictError extends Error {
  override readonly name = 'RebuildConflictError';
  constructor(
    readonly projection: string,
    readonly expected: string | undefined,
    readonly actual: string | undefined,
  ) {
    super(
      `Rebuild of ${projection}: the active collection changed from ${expected ?? '(none)'} to ` +
        `${actual ?? '(none)'} while rebuilding; not switching`,
    );
  }
}

export class RebuildAbortedError extends Error {
  override readonly name = 'RebuildAbortedError';
}
