/** UTC instants and calendar buckets. Everything is UTC: the ledger records UTC and reports bucket in UTC. */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/*
 * The ledger's instants are canonical ISO strings from its own clock ('2026-11-02T09:00:00.000Z',
 * what toISOString gives), and projections convert them on every event: Date.parse and
 * toISOString cost a few hundred nanoseconds each, which a rebuild pays millions of times. The
 * canonical form is read and written here by arithmetic; anything else goes to Date, so the
 * results are Date's in every case (time.unit.spec.ts compares them).
 */

/** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil); linear in `day`. */
const daysFromCivil = (year: number, month: number, day: number): number => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
};

/** The digit at `i` (0..9), or a value above 9 for anything else. */
const digitAt = (text: string, i: number): number => text.charCodeAt(i) - 48;

/** A run of decimal digits as a number; NaN when one is not a digit. */
const digits = (text: string, from: number, to: number): number => {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = digitAt(text, i);
    if (!(digit >= 0 && digit <= 9)) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
};

/**
 * 'YYYY-MM-DDTHH:mm:ss.sssZ' with fields in their everyday ranges (day up to 31: Date.parse rolls
 * 2026-02-30 over into March, and so does daysFromCivil), else NaN (let Date decide).
 */
const parseCanonical = (iso: string): number => {
  if (
    iso.length !== 24 ||
    iso.charCodeAt(4) !== 45 || // -
    iso.charCodeAt(7) !== 45 ||
    iso.charCodeAt(10) !== 84 || // T
    iso.charCodeAt(13) !== 58 || // :
    iso.charCodeAt(16) !== 58 ||
    iso.charCodeAt(19) !== 46 || // .
    iso.charCodeAt(23) !== 90 // Z
  ) {
    return Number.NaN;
  }
  const year = digits(iso, 0, 4);
  const month = digits(iso, 5, 7);
  const day = digits(iso, 8, 10);
  const hour = digits(iso, 11, 13);
  const minute = digits(iso, 14, 16);
  const second = digits(iso, 17, 19);
  const millisecond = digits(iso, 20, 23);
  // NaN fails every comparison, so a non-digit anywhere falls through to Date.
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) {
    return Number.NaN;
  }
  return daysFromCivil(year, month, day) * DAY_MS + hour * HOUR_MS + minute * MINUTE_MS + second * 1000 + millisecond;
};

/**
 * Milliseconds since the epoch.
 * @throws RangeError when `iso` is not a parseable instant (the ledger only records valid ones).
 */
export const toEpochMs = (iso: string): number => {
  const canonical = parseCanonical(iso);
  if (canonical === canonical) return canonical; // not NaN
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Not an ISO 8601 instant: ${JSON.stringify(iso)}`);
  return ms;
};

/** 10000-01-01T00:00:00.000Z: toISOString writes years from here on with a sign and six digits. */
const YEAR_10000_MS = 253_402_300_800_000;

/** The char code of digit `n` (0..9). */
const digit = (n: number): number => 48 + n;

/** Canonical ISO 8601 UTC with milliseconds, e.g. 2026-11-02T09:00:00.000Z. */
export const toIso = (epochMs: number): string => {
  // Integral instants of years 1970..9999 by arithmetic (H. Hinnant's civil_from_days); the rest by Date.
  if (!(epochMs >= 0 && epochMs < YEAR_10000_MS) || !Number.isInteger(epochMs)) return new Date(epochMs).toISOString();
  const days = Math.floor(epochMs / DAY_MS);
  let rest = epochMs - days * DAY_MS;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(rest / HOUR_MS);
  rest -= hour * HOUR_MS;
  const minute = Math.floor(rest / MINUTE_MS);
  rest -= minute * MINUTE_MS;
  const second = Math.floor(rest / 1000);
  const ms = rest - second * 1000;
  // One flat string from char codes: concatenating the parts would leave a tree of cons strings
  // that every later use (hashing, JSON.stringify) must flatten first.
  return String.fromCharCode(
    digit(Math.floor(year / 1000)), digit(Math.floor(year / 100) % 10), digit(Math.floor(year / 10) % 10), digit(year % 10),
    45, // -
    digit(Math.floor(month / 10)), digit(month % 10),
    45,
    digit(Math.floor(day / 10)), digit(day % 10),
    84, // T
    digit(Math.floor(hour / 10)), digit(hour % 10),
    58, // :
    digit(Math.floor(minute / 10)), digit(minute % 10),
    58,
    digit(Math.floor(second / 10)), digit(second % 10),
    46, // .
    digit(Math.floor(ms / 100)), digit(Math.floor(ms / 10) % 10), digit(ms % 10),
    90, // Z
  );
};

/** An instant given by a caller: an ISO 8601 string or a Date. */
export type Instant = string | Date;

export const instantMs = (at: Instant): number => {
  if (typeof at === 'string') return toEpochMs(at);
  if (Number.isNaN(at.getTime())) throw new RangeError('Invalid Date');
  return at.getTime();
};

export const addMs = (iso: string, ms: number): string => toIso(toEpochMs(iso) + ms);

/** The calendar year of a day count since 1970-01-01 (civil_from_days, as in toIso). */
const yearOfDays = (days: number): number => {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  return yoe + era * 400 + (doy >= 306 ? 1 : 0);
};

/**
 * ISO 8601 week of the instant in UTC, e.g. '2026-W45'. Around New Year the week-year can differ
 * from the calendar year (2021-01-03 is in 2020-W53).
 */
export const isoWeekOf = (iso: string): string => {
  const ms = toEpochMs(iso);
  if (!(ms >= 0 && ms < YEAR_10000_MS)) return isoWeekByDate(ms);
  const days = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: 3 days after a Monday.
  const mondayBased = (days + 3) % 7;
  // The Thursday of this week decides the week-year (ISO 8601 rule).
  const thursday = days + 3 - mondayBased;
  const weekYear = yearOfDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(weekYear, 1, 1)) / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
};

/** isoWeekOf through Date, for instants outside 1970..9999 (Date.UTC reads years 0..99 as 1900..1999). */
const isoWeekByDate = (ms: number): string => {
  const date = new Date(ms);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  const mondayBased = (date.getUTCDay() + 6) % 7;
  const thursday = new Date(day + (3 - mondayBased) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / DAY_MS / 7) + 1;
  return `${weekYear}-W${String(week).padStart(2, '0')}`;
};

/** Calendar month of the instant in UTC, e.g. '2026-11'. */
export const monthOf = (iso: string): string => toIso(toEpochMs(iso)).slice(0, 7);
