import type Database from 'better-sqlite3';

/** Characters with a meaning in a JS regular expression in 'u' mode. */
const REGEX_SYNTAX = /[\^$\\.*+?()[\]{}|/]/g;

/**
 * Registers read_store_contains(haystack, needle): case-insensitive substring with Unicode simple
 * case folding (a RegExp with flags 'iu', close to MongoDB's caseless PCRE). Used for needles that
 * are not plain ASCII, which LIKE cannot fold. The compiled needle is kept between rows.
 */
export function registerReadStoreFunctions(db: Database.Database): void {
  let lastNeedle: string | undefined;
  let lastPattern: RegExp | undefined;
  db.function('read_store_contains', { deterministic: true, varargs: false }, (haystack: unknown, needle: unknown) => {
    if (typeof haystack !== 'string' || typeof needle !== 'string') return 0;
    if (needle !== lastNeedle || lastPattern === undefined) {
      lastPattern = new RegExp(needle.replace(REGEX_SYNTAX, '\\$&'), 'iu');
      lastNeedle = needle;
    }
    return lastPattern.test(haystack) ? 1 : 0;
  });
}
