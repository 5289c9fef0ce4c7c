import { ReadStoreConflictError } from '../rules/read-store-errors';

const DUPLICATE_KEY = 11000;

/** Maps driver errors callers can act on (unique-index conflicts); others pass through unchanged. */
export function toReadStoreError(error: unknown, what: string): unknown {
  if (hasCode(error, DUPLICATE_KEY)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ReadStoreConflictError(`${what} conflicts with a unique index: ${message}`, { cause: error });
  }
  return error;
}

/** True when the error (or one of a bulk write's errors) carries `code`. */
export function hasCode(error: unknown, code: number): boolean {
  const candidate = error as { code?: unknown; writeErrors?: { code?: unknown }[] } | null;
  if (candidate?.code === code) return true;
  return Array.isArray(candidate?.writeErrors) && candidate.writeErrors.some((writeError) => writeError?.code === code);
}

/** The driver's errors for "no server to talk to right now": selection timed out, connection lost or closed. */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
]);

/** True when the MongoDB driver failed for want of a reachable server (by name: errors may cross realms). */
export function isMongoUnreachable(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return typeof name === 'string' && UNREACHABLE.has(name);
}
