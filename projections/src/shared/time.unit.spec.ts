import { compareDecimal, decodeBigint, encodeBigint } from './bigint';
import { addMs, isoWeekOf, monthOf, toEpochMs } from './time';

describe('calendar buckets (UTC)', () => {
  it.each([
    ['2026-11-02T09:00:00.000Z', '2026-W45'], // Monday
    ['2026-11-08T23:59:59.999Z', '2026-W45'], // Sunday, same week
    ['2026-11-09T00:00:00.000Z', '2026-W46'],
    ['2021-01-03T12:00:00.000Z', '2020-W53'], // early January in the previous week-year
    ['2024-12-30T00:00:00.000Z', '2025-W01'], // late December in the next week-year
    ['2026-12-31T12:00:00.000Z', '2026-W53'],
    ['2027-01-01T12:00:00.000Z', '2026-W53'],
    ['2026-11-02T01:00:00+02:00', '2026-W44'], // an offset is converted to UTC first (Sunday 23:00Z)
  ])('%s is in ISO week %s', (instant, week) => {
    expect(isoWeekOf(instant)).toBe(week);
  });

  it('months are UTC calendar months', () => {
    expect(monthOf('2026-11-30T23:59:59.999Z')).toBe('2026-11');
    expect(monthOf('2026-12-01T00:30:00+01:00')).toBe('2026-11');
  });

  it('refuses what is not an instant', () => {
    expect(() => toEpochMs('yesterday')).toThrow(RangeError);
  });

  it('adds milliseconds in canonical form', () => {
    expect(addMs('2026-11-02T09:00:00Z', 15 * 60_000)).toBe('2026-11-02T09:15:00.000Z');
  });
});

describe('bigints in documents', () => {
  it('round-trips beyond 2^53 as decimal strings', () => {
    const big = 2n ** 64n - 1n;
    expect(encodeBigint(big)).toBe('18446744073709551615');
    expect(decodeBigint(encodeBigint(big))).toBe(big);
  });

  it('sorts numerically, not lexicographically', () => {
    expect(['10', '9', '100'].sort(compareDecimal)).toEqual(['9', '10', '100']);
  });

  it.each(['', '01', '1.5', '1e3', ' 1'])('refuses %j', (text) => {
    expect(() => decodeBigint(text)).toThrow(TypeError);
  });
});
