/**
 * Errors the adapters raise besides the port's InvalidQueryError. Not part of the port file so the
 * port stays a pure contract; both adapters map their native errors onto these.
 */

/** A write broke a unique index (SQLite SQLITE_CONSTRAINT_UNIQUE, MongoDB E11000). */
export class ReadStoreConflictError extends Error {
  override readonly name = 'ReadStoreConflictError';
}

/** The store cannot be reached or opened (wrong URI, server down, unreadable file). */
export class ReadStoreUnavailableError extends Error {
  override readonly name = 'ReadStoreUnavailableError';
}
