import type { EventStore } from '@ledger/event-store';
import { type ProjectorLogger, rebuildProjections } from '@ledger/projector';
import type { ReadStore } from '@ledger/read-store';
import type { RebuildRunner } from './rebuild-job';
import { YieldingEventStore } from './yielding-event-store';
import { YieldingReadStore } from './yielding-read-store';

/**
 * Smaller steps than the CLI's defaults (5 000 / 20 000 / 50 000): the rebuild shares the API's event
 * loop, and on the embedded stores (synchronous SQLite) each page read, each batch applied, each
 * commit and each index built at the switch runs without a break, so requests wait at most one such
 * step. Costs some throughput (`ledger rebuild` avoids all of this).
 */
export const IN_PROCESS_REBUILD_LIMITS = { pageSize: 1_000, batchEvents: 2_000, maxPendingWrites: 5_000 } as const;

/**
 * Rebuilds over the API's own stores. dropDelayMs stays the default, so live projectors (this
 * process's and any external one) move to the new collection before the old one is dropped.
 */
export const inProcessRebuildRunner =
  (
    eventStore: EventStore,
    readStore: ReadStore,
    logger: ProjectorLogger,
    /** True on the embedded store, whose index builds hold the event loop (see YieldingReadStore). */
    indexesOneByOne: boolean,
  ): RebuildRunner =>
  (projections, { onProgress, signal }) =>
    rebuildProjections({
      eventStore: new YieldingEventStore(eventStore),
      readStore: new YieldingReadStore(readStore, { indexesOneByOne }),
      projections,
      onProgress,
      signal,
      logger,
      ...IN_PROCESS_REBUILD_LIMITS,
    });
