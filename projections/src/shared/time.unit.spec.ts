import { compareDecimal, decodeBigint, encodeBigint } from './bigint';
import { addMs, isoWeekOf, monthOf, toEpochMs, toIso } from './time';

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

describe('instants by arithmetic give exactly what Date gives', () => {
  // A small seeded generator (mulberry32): the same instants on every run.
  const random = (() => {
    let a = 20_261_102;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  })();
  const YEAR_10000 = Date.UTC(10_000, 0, 1);
  const dateParse = (iso: string): number | 'RangeError' => (Number.isNaN(Date.parse(iso)) ? 'RangeError' : Date.parse(iso));
  const ours = (iso: string): number | 'RangeError' => {
    try {
      return toEpochMs(iso);
    } catch (error) {
      expect(error).toBeInstanceOf(RangeError);
      return 'RangeError';
    }
  };
  // Every instant from 1970 to 9999, plus some before and after, which go through Date.
  const instants = [
    ...Array.from({ length: 4_000 }, () => Math.floor(random() * YEAR_10000)),
    ...Array.from({ length: 500 }, () => Math.floor((random() - 0.5) * 4 * YEAR_10000)),
    0, -1, 1, YEAR_10000 - 1, YEAR_10000, Date.UTC(2024, 1, 29, 23, 59, 59, 999), Date.UTC(2100, 1, 28, 12),
  ];

  it('toIso is toISOString, and toEpochMs reads it back', () => {
    for (const ms of instants) {
      const iso = new Date(ms).toISOString();
      expect([ms, toIso(ms)]).toEqual([ms, iso]);
      expect([iso, toEpochMs(iso)]).toEqual([iso, ms]);
    }
    expect(toIso(1.5)).toBe(new Date(1.5).toISOString());
    expect(() => toIso(Number.NaN)).toThrow(RangeError);
  });

  it('toEpochMs agrees with Date.parse on canonical-looking strings with odd fields, and on other forms', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    const odd = Array.from({ length: 2_000 }, () => {
      const r = (n: number) => Math.floor(random() * n);
      // Months 0..13, days 0..32 (Date.parse rolls 2026-02-30 over), hours up to 25, minutes and seconds up to 61.
      return `${String(r(10_000)).padStart(4, '0')}-${two(r(14))}-${two(r(33))}T${two(r(26))}:${two(r(62))}:${two(r(62))}.${String(r(1000)).padStart(3, '0')}Z`;
    });
    const others = [
      '2026-02-30T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '2026-11-02T09:00:00Z', '2026-11-02T01:00:00+02:00',
      '2026-11-02', '+010000-01-01T00:00:00.000Z', '-000001-01-01T00:00:00.000Z', '2026-1a-02T09:00:00.000Z',
      '2026-11-02T09:00:00.000z', ' 2026-11-02T09:00:00.000Z', '', 'yesterday',
    ];
    for (const iso of [...odd, ...others]) expect([iso, ours(iso)]).toEqual([iso, dateParse(iso)]);
  });

  it('isoWeekOf and monthOf agree with the calendar of Date', () => {
    for (const ms of instants.filter((m) => m >= 0 && m < YEAR_10000).slice(0, 2_000)) {
      const iso = new Date(ms).toISOString();
      const date = new Date(ms);
      const thursday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + 3 - ((date.getUTCDay() + 6) % 7)));
      const week = Math.floor((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 / 7) + 1;
      expect([iso, isoWeekOf(iso)]).toEqual([iso, `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`]);
      expect(monthOf(iso)).toBe(iso.slice(0, 7));
    }
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
