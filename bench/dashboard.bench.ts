/**
 * GET /dashboard's work (DashboardService.build: counts, age bands, SLA breaches, review backlog and
 * time-to metrics per period) over read models projected from a synthetic ledger of
 * BENCH_DASHBOARD_EVENTS events (default 100 000, about 10 500 incidents over eight weeks; 1 000 000
 * gives about 105 000), on the embedded stores, timed (p50/p99) by week and by month:
 * - cold: a new service each time, so the time-to table is computed from every interval fact of the
 *   window, as after each commit of the intervals projection;
 * - warm: the same service, which keeps the table until the projection's checkpoint moves.
 * "Now" is a day after the newest incident opened, so every period has data.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '../libs/event-store/src';
import { rebuildProjections } from '../libs/projector/src/rebuild';
import { appendSyntheticLedger } from '../libs/projector/src/testing/synthetic-ledger';
import { SqliteReadStore } from '../libs/read-store/src/sqlite/sqlite-read-store';
import { INCIDENT_PROJECTIONS, INCIDENT_SUMMARY } from '../projections/src';
import { ActiveCollections } from '../apps/api/src/read-models/active-collections';
import { DashboardService } from '../apps/api/src/read-models/get-dashboard/dashboard.service';
import { percentile, positiveFromEnv, timeCalls } from './timing';

const EVENTS = positiveFromEnv('BENCH_DASHBOARD_EVENTS', 100_000);
const ITERATIONS = positiveFromEnv('BENCH_DASHBOARD_ITERATIONS', 50);

/** Projects a synthetic ledger, then times the dashboard over it; returns figures by name. */
export async function benchDashboard(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-bench-dashboard-'));
  const eventStore = await SqliteEventStore.open({ directory: dir, maxBatchAppends: 10_000 });
  const readStore = await SqliteReadStore.open({ directory: dir });
  try {
    const { incidents } = await appendSyntheticLedger(eventStore, { events: EVENTS, seed: 7, foreignEvery: 1_000 });
    await rebuildProjections({ eventStore, readStore, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
    const collections = new ActiveCollections(readStore);
    const warm = new DashboardService(readStore, collections);
    const newest = await readStore.find<{ id: string; openedAt: string }>(await collections.of(INCIDENT_SUMMARY), {
      sort: [{ field: 'openedAt', direction: 'desc' }],
      limit: 1,
    });
    const now = new Date(Date.parse(newest.items[0]!.openedAt) + 86_400_000);
    const figures: Record<string, number> = { 'dashboard.incidents': incidents.length };
    for (const granularity of ['week', 'month'] as const) {
      const cold = await timeCalls(ITERATIONS, () => new DashboardService(readStore, collections).build(granularity, 12, now));
      const kept = await timeCalls(ITERATIONS, () => warm.build(granularity, 12, now));
      figures[`dashboard.${granularity}.cold.p50_ms`] = percentile(cold, 50);
      figures[`dashboard.${granularity}.cold.p99_ms`] = percentile(cold, 99);
      figures[`dashboard.${granularity}.warm.p50_ms`] = percentile(kept, 50);
      figures[`dashboard.${granularity}.warm.p99_ms`] = percentile(kept, 99);
    }
    return figures;
  } finally {
    await readStore.close();
    await eventStore.close();
    await rm(dir, { recursive: true, force: true });
  }
}
