import { Inject, Injectable } from '@nestjs/common';
import {
  AGE_BANDS,
  INCIDENT_INTERVALS,
  INCIDENT_SUMMARY,
  type IntervalFact,
  type IntervalSummary,
  isoWeekOf,
  monthOf,
  type PeriodGranularity,
  summarizeIntervals,
} from '@ledger/projections';
import type { CountBucket, Filter, ReadStore } from '@ledger/read-store';
import { ActiveCollections } from '../active-collections';
import { READ_STORE } from '../read-model-tokens';

const OPEN: Filter = [{ field: 'status', op: 'in', values: ['logged', 'triaged', 'assigned', 'contained', 'eradicated', 'recovered'] }];
const DAY_MS = 86_400_000;
const LIST_SIZE = 20;
/** Time-to tables kept (a few granularities and windows). */
const TIME_TO_KEPT = 8;

export type Dashboard = Readonly<{
  generatedAt: string;
  counts: Readonly<{
    total: number;
    open: number;
    byStatus: CountBucket[];
    /** Open incidents only: what the team is working on. */
    byPriority: CountBucket[];
    byCategory: CountBucket[];
    byAssignee: CountBucket[];
  }>;
  openByAge: { band: string; count: number }[];
  timeTo: Readonly<{ granularity: PeriodGranularity; from: string; rows: IntervalSummary[] }>;
  slaBreaches: Readonly<{ breachedNow: number; openBreachedNow: number; oldest: { incidentId: string; breachAt: string }[] }>;
  reviewBacklog: Readonly<{ count: number; oldest: { incidentId: string; closedAt: string }[] }>;
}>;

/**
 * The managers' dashboard, computed in the read store (counts and ranges use the indexes, so no
 * summary is loaded) and, for the time-to metrics, from one fact per measured interval, so reopened
 * incidents count every cycle. Its figures are those of the pure functions in
 * projections/src/metrics/dashboard.ts over the same documents (dashboard.service.int.spec.ts).
 */
@Injectable()
export class DashboardService {
  /** Time-to tables by collection, window and number of facts in it: see timeTo. */
  private readonly timeToKept = new Map<string, Dashboard['timeTo']>();

  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly collections: ActiveCollections,
  ) {}

  async build(granularity: PeriodGranularity, periods: number, now: Date): Promise<Dashboard> {
    const summaries = await this.collections.of(INCIDENT_SUMMARY);
    const intervals = await this.collections.of(INCIDENT_INTERVALS);
    const nowIso = now.toISOString();
    const breachedNow: Filter = [{ field: 'sla.breachAt', op: 'lt', value: nowIso }];

    const [total, open, byStatus, byPriority, byCategory, byAssignee, openByAge, breached, openBreached] =
      await Promise.all([
        this.store.count(summaries),
        this.store.count(summaries, OPEN),
        this.store.countBy(summaries, 'status'),
        this.store.countBy(summaries, 'priority', OPEN),
        this.store.countBy(summaries, 'category', OPEN),
        this.store.countBy(summaries, 'assignee', OPEN),
        this.ageBands(summaries, now),
        this.store.count(summaries, breachedNow),
        this.store.count(summaries, [...OPEN, ...breachedNow]),
      ]);
    const [oldestBreaches, backlogCount, backlog, rows] = await Promise.all([
      this.store.find<{ id: string; incidentId: string; sla: { breachAt: string } }>(summaries, {
        filter: [...OPEN, ...breachedNow],
        sort: [{ field: 'sla.breachAt', direction: 'asc' }],
        limit: LIST_SIZE,
      }),
      this.store.count(summaries, [{ field: 'status', op: 'eq', value: 'closed' }]),
      this.store.find<{ id: string; incidentId: string; closedAt: string }>(summaries, {
        filter: [{ field: 'status', op: 'eq', value: 'closed' }],
        sort: [{ field: 'closedAt', direction: 'asc' }],
        limit: LIST_SIZE,
      }),
      this.timeTo(intervals, granularity, periods, now),
    ]);
    return {
      generatedAt: nowIso,
      counts: { total, open, byStatus, byPriority, byCategory, byAssignee },
      openByAge,
      timeTo: rows,
      slaBreaches: {
        breachedNow: breached,
        openBreachedNow: openBreached,
        oldest: oldestBreaches.items.map((s) => ({ incidentId: s.incidentId, breachAt: s.sla.breachAt })),
      },
      reviewBacklog: {
        count: backlogCount,
        oldest: backlog.items.map((s) => ({ incidentId: s.incidentId, closedAt: s.closedAt })),
      },
    };
  }

  private ageBands(collection: string, now: Date): Promise<{ band: string; count: number }[]> {
    return Promise.all(
      AGE_BANDS.map(async ({ band, fromDays, toDays }) => {
        // Opened in (now - toDays, now - fromDays]: between those instants the age is in [fromDays, toDays).
        // The youngest band has no upper bound: an openedAt after now (clock skew) counts there, as
        // openIncidentsByAge counts it.
        const filter: Filter = [
          ...OPEN,
          ...(fromDays === 0
            ? []
            : [{ field: 'openedAt', op: 'lte' as const, value: new Date(now.getTime() - fromDays * DAY_MS).toISOString() }]),
          ...(Number.isFinite(toDays)
            ? [{ field: 'openedAt', op: 'gt' as const, value: new Date(now.getTime() - toDays * DAY_MS).toISOString() }]
            : []),
        ];
        return { band, count: await this.store.count(collection, filter) };
      }),
    );
  }

  private async timeTo(
    collection: string,
    granularity: PeriodGranularity,
    periods: number,
    now: Date,
  ): Promise<Dashboard['timeTo']> {
    const start = new Date(now);
    if (granularity === 'week') start.setUTCDate(start.getUTCDate() - 7 * (periods - 1));
    else start.setUTCMonth(start.getUTCMonth() - (periods - 1), 1);
    const from = granularity === 'week' ? isoWeekOf(start.toISOString()) : monthOf(start.toISOString());
    const inWindow: Filter = [
      { field: 'kind', op: 'eq', value: 'interval' },
      { field: granularity, op: 'gte', value: from },
    ];
    // Reading every fact of the window is the dashboard's dearest part. Facts are only ever added
    // (one per ended interval, never changed or deleted; a rebuild writes a new collection), so the
    // table is reused while the window holds as many facts as when it was computed. Counted first:
    // a fact landing meanwhile makes the next count differ.
    const key = `${collection}|${granularity}|${from}|${await this.store.count(collection, inWindow)}`;
    const kept = this.timeToKept.get(key);
    if (kept !== undefined) return kept;
    const facts: IntervalFact[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.store.find<IntervalFact>(collection, {
        filter: inWindow,
        // In the order of the (kind, week|month) index, so each page is a range seek.
        sort: [{ field: granularity, direction: 'asc' }],
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      facts.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    const table = { granularity, from, rows: summarizeIntervals(facts, granularity) };
    this.timeToKept.set(key, table);
    // Oldest first in a Map: drop it.
    if (this.timeToKept.size > TIME_TO_KEPT) this.timeToKept.delete(this.timeToKept.keys().next().value!);
    return table;
  }
}
