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
