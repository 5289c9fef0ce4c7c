import { ReadStoreConflictError, ReadStoreUnavailableError } from '../rules/read-store-errors';

/** Maps better-sqlite3 errors that callers can act on; others pass through unchanged. */
export function toReadStoreError(error: unknown, what: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  // Structural, not instanceof: better-sqlite3's errors may belong to another JS realm.
  const message = typeof error === 'object' && error !== null ? String(Reflect.get(error, 'message')) : String(error);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE') {
    return new ReadStoreConflictError(`${what} conflicts with a unique index: ${message}`, { cause: error });
  }
  if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
    return new ReadStoreUnavailableError(`${what} timed out waiting for the database lock: ${message}`, { cause: error });
  }
  return error;
}
