/** UTC instants and calendar buckets. Everything is UTC: the ledger records UTC and reports bucket in UTC. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/**
 * Milliseconds since the epoch.
 * @throws RangeError when `iso` is not a parseable instant (the ledger only records valid ones).
 */
export const toEpochMs = (iso: string): number => {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${JSON.stringify(iso)}`);
  return ms;
};

/** Canonical ISO 8601 UTC with milliseconds, e.g. 2026-11-02T09:00:00.000Z. */
export const toIso = (epochMs: number): string => new Date(epochMs).toISOString();

/** An instant given by a caller: an ISO 8601 string or a Date. */
export type Instant = string | Date;

export const instantMs = (at: Instant): number => {
  if (typeof at === 'string') return toEpochMs(at);
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  return at.getTime();
};

export const addMs = (iso: string, ms: number): string => toIso(toEpochMs(iso) + ms);

/**
 * ISO 8601 week of the instant in UTC, e.g. '2026-W45'. Around New Year the week-year can differ
 * from the calendar year (2021-01-03 is in 2020-W53).
 */
export const isoWeekOf = (iso: string): string => {
  const date = new Date(toEpochMs(iso));
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const mondayBased = (date.getUTCDay() + 6) % 7;
  // The Thursday of this week decides the week-year (ISO 8601 rule).
  const thursday = new Date(day + (3 - mondayBased) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
};

/** Calendar month of the instant in UTC, e.g. '2026-11'. */
export const monthOf = (iso: string): string => toIso(toEpochMs(iso)).slice(0, 7);
