import type { EventStore } from '@ledger/event-store';
import type { LedgerEventCodec } from '@ledger/ledger';
import type { Projection, ProjectionContext, ProjectionDocument } from '@ledger/projections';
import type { IndexSpec, ReadStore } from '@ledger/read-store';
import type { RetryOptions } from './internal/backoff';
import type { ProjectorLogger } from './logger';
import type { RebuildOptions } from './rebuild-types';

export type ProjectorOptions = Readonly<{
  eventStore: EventStore;
  readStore: ReadStore;
  /** Default INCIDENT_PROJECTIONS. Each gets its own active collection and checkpoint. */
  projections?: readonly Projection<ProjectionDocument>[];
  /** Default DEFAULT_PROJECTION_CONTEXT. */
  context?: ProjectionContext;
  codec?: LedgerEventCodec;
  /** Indexes of a projection's collection, ensured at every start. Default: defaultIndexesFor. */
  indexes?: (projection: Projection<ProjectionDocument>) => readonly IndexSpec[];
  /** Most events per batch once caught up (one commit per projection per batch). Default 500. */
  batchSize?: number;
  /** Most events per batch while catching up on a backlog (fewer, larger commits). Default 5000. */
  catchUpBatchSize?: number;
  /** A batch is committed at the latest this long after its first event. Default 50. */
  maxBatchWaitMs?: number;
  /**
   * While nothing happens, look at the blue-green pointers this often, to move to a collection a
   * rebuild switched to (they are also checked before every batch is committed). Default 1000.
   */
  switchCheckMs?: number;
  /** Backoff between retries after an error (subscription dropped, store down, gap). */
  retry?: RetryOptions;
  /** Tuning of the rebuild run when a projection's version has no collection yet. */
  rebuild?: Pick<RebuildOptions, 'pageSize' | 'batchEvents' | 'onProgress'>;
  logger?: ProjectorLogger;
}>;
