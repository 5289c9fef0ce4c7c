import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  AccessDeniedError,
  CancelledError,
  DeadlineExceededError,
  NotLeaderError,
  TimeoutError,
  UnavailableError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError } from '../errors';

/** gRPC codes that mean "the server (or the way to it) is not there right now". */
const TRANSIENT_CODES = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.CANCELLED,
  GrpcStatus.ABORTED,
  GrpcStatus.RESOURCE_EXHAUSTED,
]);

/** gRPC codes a retry cannot fix: the request itself or its permissions are wrong. */
const PERMANENT_CODES = new Set<number>([
  GrpcStatus.INVALID_ARGUMENT,
  GrpcStatus.PERMISSION_DENIED,
  GrpcStatus.UNAUTHENTICATED,
  GrpcStatus.UNIMPLEMENTED,
  GrpcStatus.FAILED_PRECONDITION,
]);

const grpcCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};

/** Whether an error from the client means the store is unreachable (a retry later may succeed). */
export const isUnavailable = (error: unknown): boolean => {
  if (error instanceof EventStoreUnavailableError) return true;
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof CancelledError ||
    error instanceof TimeoutError ||
    error instanceof NotLeaderError
  ) {
    return true;
  }
  const code = grpcCode(error);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  // Discovery (gossip) gives up with a plain Error when no node answers.
  return error instanceof Error && /Failed to discover after \d+ attempts/.test(error.message);
};

/** Whether a dropped subscription should not be retried (the request or its permissions are at fault). */
export const isPermanent = (error: unknown): boolean => {
  if (error instanceof AccessDeniedError) return true;
  const code = grpcCode(error);
  return code !== undefined && PERMANENT_CODES.has(code);
};

/** Maps unreachability to the port's EventStoreUnavailableError; anything else is returned unchanged. */
export const toStoreError = (error: unknown, doing: string, where: string): unknown => {
  if (error instanceof EventStoreUnavailableError || !isUnavailable(error)) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`EventStoreDB (${where}): ${doing} failed: ${reason}`, error);
};

/** An operation outlived its deadline; the server may still be there, just slow or unreachable. */
export class OperationTimeoutError extends EventStoreUnavailableError {}
