import { isMongoUnreachable } from './mongodb/mongo-errors';

/** Node's socket errors: a store's server went away under a call (the driver does not wrap them all). */
const SOCKET_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when a read-store call failed because the store cannot be reached now (ReadStoreUnavailableError,
 * the MongoDB driver finding no server, or a socket error under it): a transient outage, not a fault
 * of the request. Duck-typed, since errors may come from another realm.
 */
export const isReadStoreUnavailable = (error: unknown): boolean => {
  const { name, code } = (typeof error === 'object' && error !== null ? error : {}) as { name?: unknown; code?: unknown };
  return name === 'ReadStoreUnavailableError' || isMongoUnreachable(error) || (typeof code === 'string' && SOCKET_ERRORS.has(code));
};
