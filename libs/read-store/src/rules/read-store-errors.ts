/**
 * Errors the adapters raise besides the port's InvalidQueryError. Not part of the port file so the
 * port stays a pure contract; both adapters map their native errors onto these.
 */

/** A write broke a unique index (SQLite SQLITE_CONSTRAINT_UNIQUE, MongoDB E11000). */
export class ReadStoreConflictError extends Error {
  override readonly name = 'ReadStoreConflictError';
}

/**
 * A commit would move a checkpoint back: another writer (a second projector, an old release still
 * running during a deploy) has committed further. Nothing of the commit is written.
 */
export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';

  constructor(
    readonly checkpoint: string,
    readonly stored: bigint,
    readonly attempted: bigint,
  ) {
    super(`Checkpoint '${checkpoint}' is at ${stored}, past this commit's ${attempted}: another writer is ahead`);
  }
}

/** Throws CheckpointConflictError when `attempted` is below the stored position (equal is fine). */
export function assertCheckpointForward(checkpoint: string, stored: bigint | undefined, attempted: bigint): void {
  if (stored !== undefined && stored > attempted) throw new CheckpointConflictError(checkpoint, stored, attempted);
}

/** The store cannot be reached or opened (wrong URI, server down, unreadable file). */
export class ReadStoreUnavailableError extends Error {
  override readonly name = 'ReadStoreUnavailableError';
}
