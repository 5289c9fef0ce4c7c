/**
 * ISO 8601 instants as the ledger accepts them: a full date and time with an explicit
 * offset (`Z` or `+hh:mm`), so the same string means the same instant on every server.
 */
const ISO_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * Milliseconds since the epoch, or undefined when `value` is not a valid ISO instant.
 * Checks the calendar itself: Date.parse would silently turn 2024-02-30 into March 1st.
 */
export const parseIsoInstant = (value: unknown): number | undefined => {
  if (typeof value !== 'string') return undefined;
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number);
  const offsetHours = m[8] === undefined ? 0 : Number(m[8]);
  const offsetMinutes = m[9] === undefined ? 0 : Number(m[9]);
  const valid =
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetHours <= 23 &&
    offsetMinutes <= 59;
  if (!valid) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
};

export const isIsoInstant = (value: unknown): value is string => parseIsoInstant(value) !== undefined;
