import { EventStoreUnavailableError } from '../errors';

/** SQLite result codes (primary part) that mean "cannot serve right now", not "your request is wrong". */
const UNAVAILABLE = new Set([
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_FULL',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_NOMEM',
  'SQLITE_PROTOCOL',
  'SQLITE_CORRUPT',
  'SQLITE_NOTADB',
]);

/** The error code of a better-sqlite3 SqliteError (e.g. SQLITE_CONSTRAINT_UNIQUE), if it is one. */
export function sqliteCode(error: unknown): string | undefined {
  // Not `instanceof Error`: the native addon's errors may come from another JS realm (jest's vm).
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'code') : undefined;
  return typeof code === 'string' ? code : undefined;
}

/** SQLITE_BUSY_SNAPSHOT and the like share the primary code's meaning. */
const primaryCode = (code: string): string => code.split('_').slice(0, 2).join('_');

export const isConstraintError = (error: unknown): boolean =>
  primaryCode(sqliteCode(error) ?? '') === 'SQLITE_CONSTRAINT';

/** Maps infrastructure failures to EventStoreUnavailableError; anything else is returned unchanged. */
export function toStoreError(error: unknown, doing: string): unknown {
  const code = sqliteCode(error);
  if (code !== undefined && UNAVAILABLE.has(primaryCode(code))) {
    return new EventStoreUnavailableError(`SQLite event store: ${doing} failed (${code})`, error);
  }
  const message = typeof error === 'object' && error !== null ? String(Reflect.get(error, 'message')) : '';
  if (/database connection is not open/i.test(message)) {
    return new EventStoreUnavailableError(`SQLite event store: ${doing} failed: closed`, error);
  }
  return error;
}
