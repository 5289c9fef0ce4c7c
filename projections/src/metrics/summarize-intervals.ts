import { INTERVAL_METRICS, type IntervalFact, type IntervalMetric } from './interval-fact';
import { durationStats, type DurationStats } from './statistics';

export type PeriodGranularity = 'week' | 'month';

/** Statistics of one metric's intervals that ended in one period. */
export type IntervalSummary = DurationStats &
  Readonly<{
    granularity: PeriodGranularity;
    /** '2026-W45' for weeks, '2026-11' for months (UTC, by the interval's end). */
    period: string;
    metric: IntervalMetric;
  }>;

type FactFields = Pick<IntervalFact, 'id' | 'metric' | 'durationMs' | 'week' | 'month'>;

/**
 * Pure aggregation the query side runs over interval facts (pre-filtered as it likes: by
 * priority, category, team...). Every interval counts, so an incident reopened and contained
 * twice contributes two time-to-contain values. Facts are counted once per id, so overlapping
 * pages cannot double count. Output: one row per (period, metric) with data, sorted by period,
 * then metric in INTERVAL_METRICS order.
 */
export const summarizeIntervals = (
  intervals: readonly FactFields[],
  granularity: PeriodGranularity,
): IntervalSummary[] => {
  const groups = new Map<string, { period: string; metric: IntervalMetric; durations: number[] }>();
  const seen = new Set<string>();
  for (const fact of intervals) {
    if (seen.has(fact.id)) continue;
    seen.add(fact.id);
    const period = granularity === 'week' ? fact.week : fact.month;
    const key = `${period}\u0000${fact.metric}`;
    const group = groups.get(key) ?? { period, metric: fact.metric, durations: [] };
    group.durations.push(fact.durationMs);
    groups.set(key, group);
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) ||
        INTERVAL_METRICS.indexOf(a.metric) - INTERVAL_METRICS.indexOf(b.metric),
    )
    .map(({ period, metric, durations }) => ({
      granularity,
      period,
      metric,
      ...(durationStats(durations) as DurationStats),
    }));
};
