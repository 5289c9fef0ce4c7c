import type { LedgerEvent } from '@ledger/ledger';
import { given, TestLedger } from '../testing';
import { incidentIntervalsProjection } from './incident-intervals.projection';
import { isIntervalFact, type IntervalFact } from './interval-fact';
import { durationStats, quantile } from './statistics';
import { summarizeIntervals } from './summarize-intervals';

const MIN = 60_000;

describe('statistics', () => {
  it('interpolates percentiles between closest ranks (type 7)', () => {
    const values = [10, 20, 30, 40, 50];
    expect(quantile(values, 0)).toBe(10);
    expect(quantile(values, 0.5)).toBe(30);
    expect(quantile(values, 0.9)).toBe(46);
    expect(quantile(values, 1)).toBe(50);
    expect(quantile([7], 0.9)).toBe(7);
  });

  it('takes the median of an even count as the mean of the middle two, and rounds to whole ms', () => {
    expect(durationStats([4, 1, 3, 2])).toEqual({ count: 4, meanMs: 3, medianMs: 3, p90Ms: 4 });
    // mean 2.5 -> 3, median 2.5 -> 3, p90 = 3 + 0.7 * 1 = 3.7 -> 4
  });

  it('has no statistics for no values and refuses bad quantiles', () => {
    expect(durationStats([])).toBeNull();
    expect(() => quantile([], 0.5)).toThrow(RangeError);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
  });
});

describe('summarizeIntervals', () => {
  /**
   * Three incidents in ISO week 2026-W45. A and C are reopened and contained a second time:
   * time-to-contain values 10, 50 (A), 20 (B), 30, 40 (C) minutes.
   */
  const week45 = () => {
    const ledger = new TestLedger();
    const containedTwice = (id: string, start: string, first: string, second: string): LedgerEvent[] => {
      const inc = ledger.incident(id, start);
      return [
        inc.logged(),
        inc.categorized(),
        inc.prioritized(),
        inc.assigned(),
        inc.contained({ after: first }),
        inc.eradicated(),
        inc.recovered(),
        inc.closed(),
        inc.reopened({ after: '1h' }),
        inc.contained({ after: second }),
      ];
    };
    const b = ledger.incident('INC-B', '2026-11-03T09:00:00.000Z');
    return [
      ...containedTwice('INC-A', '2026-11-02T09:00:00.000Z', '10m', '50m'),
      ...[b.logged(), b.categorized(), b.prioritized(), b.assigned(), b.contained({ after: '20m' })],
      ...containedTwice('INC-C', '2026-11-04T09:00:00.000Z', '30m', '40m'),
    ];
  };

  const facts = (events: readonly LedgerEvent[]): IntervalFact[] =>
    given(incidentIntervalsProjection, events).documents.filter(isIntervalFact);

  it('given reopened incidents, then every containment counts and the percentiles use all of them', () => {
    const contain = summarizeIntervals(facts(week45()), 'week').find((row) => row.metric === 'time-to-contain');
    expect(contain).toEqual({
      granularity: 'week',
      period: '2026-W45',
      metric: 'time-to-contain',
      count: 5,
      meanMs: 30 * MIN,
      medianMs: 30 * MIN,
      p90Ms: 46 * MIN,
    });
  });

  it('given only first cycles, then the figures differ, which is what counting every interval prevents', () => {
    const firstOnly = facts(week45()).filter((fact) => fact.cycle === 1);
    expect(summarizeIntervals(firstOnly, 'week').find((row) => row.metric === 'time-to-contain')).toMatchObject({
      count: 3,
      meanMs: 20 * MIN,
      p90Ms: 28 * MIN,
    });
  });

  it('groups by period then metric, in a stable order', () => {
    const rows = summarizeIntervals(facts(week45()), 'month');
    expect(rows.map((row) => `${row.period} ${row.metric} ${row.count}`)).toEqual([
      '2026-11 time-to-triage 3',
      '2026-11 time-to-assign 3',
      '2026-11 time-to-contain 5',
      '2026-11 time-to-recover 2',
      '2026-11 time-to-close 2',
    ]);
  });

  it('splits weeks and months by when each interval ended', () => {
    const fact = (id: string, week: string, month: string, minutes: number) => ({
      id,
      metric: 'time-to-close' as const,
      durationMs: minutes * MIN,
      week,
      month,
    });
    const rows = summarizeIntervals(
      [fact('a', '2026-W48', '2026-11', 60), fact('b', '2026-W49', '2026-11', 120), fact('c', '2026-W49', '2026-12', 180)],
      'week',
    );
    expect(rows.map(({ period, count, meanMs }) => ({ period, count, meanMs }))).toEqual([
      { period: '2026-W48', count: 1, meanMs: 60 * MIN },
      { period: '2026-W49', count: 2, meanMs: 150 * MIN },
    ]);
  });

  it('counts a fact once even if the caller passes it twice', () => {
    const all = facts(week45());
    expect(summarizeIntervals([...all, ...all], 'week')).toEqual(summarizeIntervals(all, 'week'));
  });

  it('returns nothing for no intervals', () => {
    expect(summarizeIntervals([], 'month')).toEqual([]);
  });
});
