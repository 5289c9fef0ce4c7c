import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { checkpointNameOf, rebuildProjections } from '@ledger/projector';
import {
  countIncidents,
  DEFAULT_SLA_POLICY,
  INCIDENT_INTERVALS,
  INCIDENT_PROJECTIONS,
  INCIDENT_SUMMARY,
  type IncidentSummary,
  type IntervalFact,
  isOpenIncident,
  openIncidentsByAge,
  reviewBacklog,
  slaBreaches,
  summarizeIntervals,
} from '@ledger/projections';
import { type CountBucket, SqliteReadStore } from '@ledger/read-store';
import { appendSyntheticLedger, readCollection } from '../../../../../libs/projector/src/testing';
import { ActiveCollections } from '../active-collections';
import { type Dashboard, DashboardService } from './dashboard.service';

/**
 * The API computes the dashboard with indexed counts and range queries in the read store; the pure
 * functions of projections/src/metrics/dashboard.ts define the figures. Over the same projected
 * documents, both must agree, figure for figure.
 */
describe('DashboardService over a projected ledger', () => {
  let dir: string;
  let eventStore: SqliteEventStore;
  let readStore: SqliteReadStore;
  let service: DashboardService;
  let summaries: IncidentSummary[];
  let facts: IntervalFact[];
  let lastEventAt: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ledger-dashboard-'));
    eventStore = await SqliteEventStore.open({ directory: dir });
    // Six waves three weeks apart: incidents of many weeks and months, and of every age.
    for (let wave = 0; wave < 6; wave++) {
      const startAt = new Date(Date.UTC(2026, 0, 5 + 21 * wave, 8)).toISOString();
      await appendSyntheticLedger(eventStore, { events: 1_000, seed: 7 + wave, startAt });
    }
    readStore = await SqliteReadStore.open({ directory: dir });
    await rebuildProjections({ eventStore, readStore, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
    const collections = new ActiveCollections(readStore);
    service = new DashboardService(readStore, collections);
    summaries = [...(await readCollection(readStore, await collections.of(INCIDENT_SUMMARY))).values()] as IncidentSummary[];
    const intervalDocuments = [...(await readCollection(readStore, await collections.of(INCIDENT_INTERVALS))).values()] as IntervalFact[];
    facts = intervalDocuments.filter((fact) => fact.kind === 'interval');
    lastEventAt = Math.max(...summaries.map((s) => Date.parse(s.lastEventAt)));
  }, 120_000);

  afterAll(async () => {
    await readStore?.close();
    await eventStore?.close();
    await rm(dir, { recursive: true, force: true });
  });

  // Days after the last event: every band, breach and backlog wait moves with the clock alone.
  const NOW_OFFSETS_DAYS = [0.5, 2, 10, 45];

  it.each(NOW_OFFSETS_DAYS)('given now = %p days after the last event, then the counts equal countIncidents', async (days) => {
    const dashboard = await buildAt(days);
    const open = summaries.filter(isOpenIncident);
    const all = countIncidents(summaries);
    const ofOpen = countIncidents(open);

    expect(dashboard.counts.total).toBe(summaries.length);
    expect(dashboard.counts.open).toBe(open.length);
    expect(asRecord(dashboard.counts.byStatus)).toEqual(nonZero(all.byStatus));
    expect(asRecord(dashboard.counts.byPriority)).toEqual(nonZero({ ...ofOpen.byPriority, null: ofOpen.unprioritized }));
    expect(asRecord(dashboard.counts.byCategory)).toEqual(nonZero({ ...ofOpen.byCategory, null: ofOpen.uncategorized }));
    expect(asRecord(dashboard.counts.byAssignee)).toEqual(nonZero({ ...ofOpen.byAssignee, null: ofOpen.unassigned }));
  });

  // -3: some openings are after now (a skewed clock); they count as younger than a day.
  it.each([-3, ...NOW_OFFSETS_DAYS])('given now = %p days after the last event, then the age bands equal openIncidentsByAge', async (days) => {
    const dashboard = await buildAt(days);
    const expected = openIncidentsByAge(summaries.filter(isOpenIncident), nowAt(days));

    expect(dashboard.openByAge).toEqual(expected.map(({ band, count }) => ({ band, count })));
  });

  it.each(NOW_OFFSETS_DAYS)('given now = %p days after the last event, then the breaches and the review backlog equal the pure figures', async (days) => {
    const now = nowAt(days);
    const dashboard = await buildAt(days);
    const open = summaries.filter(isOpenIncident);

    expect(dashboard.slaBreaches.breachedNow).toBe(slaBreaches(summaries, DEFAULT_SLA_POLICY, now).any.count);
    expect(dashboard.slaBreaches.openBreachedNow).toBe(slaBreaches(open, DEFAULT_SLA_POLICY, now).any.count);
    const backlog = reviewBacklog(summaries, now);
    expect(dashboard.reviewBacklog.count).toBe(backlog.count);
    expect(dashboard.reviewBacklog.oldest.map((item) => item.closedAt)).toEqual(backlog.items.slice(0, 20).map((item) => item.closedAt));
  });

  it('has something to compare: open incidents in several age bands, breaches and a review backlog', async () => {
    const dashboard = await buildAt(10);
    expect(dashboard.openByAge.filter((band) => band.count > 0).length).toBeGreaterThan(1);
    expect(dashboard.slaBreaches.openBreachedNow).toBeGreaterThan(0);
    expect(dashboard.reviewBacklog.count).toBeGreaterThan(0);
    expect(facts.length).toBeGreaterThan(0);
  });

  it.each(['week', 'month'] as const)('given every %s since the first event, then time-to rows equal summarizeIntervals over all facts', async (granularity) => {
    const periods = granularity === 'week' ? 104 : 24;
    const dashboard = await service.build(granularity, periods, nowAt(2));
    const inWindow = facts.filter((fact) => fact[granularity] >= dashboard.timeTo.from);

    expect(inWindow.length).toBe(facts.length);
    expect(dashboard.timeTo.rows).toEqual(summarizeIntervals(facts, granularity));
    expect(dashboard.timeTo.rows.length).toBeGreaterThan(5);
  });

  it('given a short window, then only the facts of its periods count', async () => {
    const dashboard = await service.build('week', 2, nowAt(-7));
    const inWindow = facts.filter((fact) => fact.week >= dashboard.timeTo.from);

    expect(inWindow.length).toBeGreaterThan(0);
    expect(inWindow.length).toBeLessThan(facts.length);
    expect(dashboard.timeTo.rows).toEqual(summarizeIntervals(inWindow, 'week'));
  });

  // Last: it adds a fact to the shared read models.
  it('reads the facts again only once the window holds more, then counts the new ones', async () => {
    const intervals = await new ActiveCollections(readStore).of(INCIDENT_INTERVALS);
    const find = jest.spyOn(readStore, 'find');
    const readsOfFacts = (): number => find.mock.calls.filter(([collection]) => collection === intervals).length;
    const first = await service.build('month', 30, nowAt(2));
    const reads = readsOfFacts();
    expect(reads).toBeGreaterThan(0);

    expect((await service.build('month', 30, nowAt(3))).timeTo).toEqual(first.timeTo);
    expect(readsOfFacts()).toBe(reads);

    // A commit of other documents (a clock, a fact outside the window) changes nothing.
    const clockOnly = (await readStore.get(intervals, `${facts[0]!.incidentId}:clock`))!;
    const position = (await readStore.readCheckpoint(checkpointNameOf(intervals)))!;
    await readStore.commit([{ collection: intervals, type: 'put', document: clockOnly }], { name: checkpointNameOf(intervals), position: position + 1n });
    expect((await service.build('month', 30, nowAt(3))).timeTo).toEqual(first.timeTo);
    expect(readsOfFacts()).toBe(reads);

    const added: IntervalFact = { ...facts[0]!, id: `${facts[0]!.id}-later`, incidentId: 'incident-later', durationMs: 3 * 86_400_000 };
    await readStore.commit([{ collection: intervals, type: 'put', document: added }], { name: checkpointNameOf(intervals), position: position + 2n });

    const after = await service.build('month', 30, nowAt(3));
    expect(readsOfFacts()).toBeGreaterThan(reads);
    expect(after.timeTo.rows).toEqual(summarizeIntervals([...facts, added], 'month'));
    expect(after.timeTo.rows).not.toEqual(first.timeTo.rows);
    find.mockRestore();
  });

  const nowAt = (days: number): Date => new Date(lastEventAt + days * 86_400_000);
  const buildAt = (days: number): Promise<Dashboard> => service.build('week', 12, nowAt(days));
});

const asRecord = (buckets: readonly CountBucket[]): Record<string, number> =>
  Object.fromEntries(buckets.map((bucket) => [String(bucket.value), bucket.count]));

const nonZero = (counts: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(counts).filter(([, count]) => count > 0));
