import { HttpException } from '@nestjs/common';
import { EventStoreUnavailableError } from '@ledger/event-store';
import { InvalidQueryError, isReadStoreUnavailable } from '@ledger/read-store';
import {
  CommandRefusedError,
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  RevisionMismatchError,
} from '@ledger/ledger';
import { assertUnreachable } from '@ledger/domain';
import { actionsOf } from '../incidents/incident-actions';
import { errorBody, type ErrorBody, statusText } from './problem';
import { RequestRejectedError } from './request-rejected.error';

export type ErrorResponse = Readonly<{
  status: number;
  body: ErrorBody;
  headers?: Readonly<Record<string, string>>;
  /** Unexpected: log it with its stack (never sent to the client). */
  unexpected?: boolean;
}>;

const RETRY_AFTER_SECONDS = '5';

type FastifyLikeError = { statusCode?: number; code?: string; message?: string };

const fromFastify = (error: FastifyLikeError): ErrorResponse | undefined => {
  if (typeof error.code !== 'string' || !error.code.startsWith('FST_')) return undefined;
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        body: errorBody(400, 'Malformed JSON body', {
          errors: [{ field: '(body)', reason: error.message ?? 'invalid JSON' }],
        }),
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody(413, 'Request body is too large') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: errorBody(415, 'Unsupported Content-Type; send application/json') };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: errorBody(400, 'Content-Length does not match the body sent') };
    default:
      return { status, body: errorBody(status, error.message ?? statusText(status)) };
  }
};

const fromHttpException = (exception: HttpException): ErrorResponse => {
  const status = exception.getStatus();
  // Every 503 here is transient (a lagging read model, a store reconnecting): say when to retry.
  const headers = status === 503 ? { 'retry-after': '1' } : undefined;
  const response = exception.getResponse();
  if (typeof response === 'object' && response !== null && 'message' in response) {
    const { message, ...rest } = response as Record<string, unknown>;
    const text = Array.isArray(message) ? message.join('; ') : String(message);
    return { status, headers, body: { ...errorBody(status, text), ...rest, statusCode: status, error: statusText(status) } };
  }
  return { status, headers, body: errorBody(status, typeof response === 'string' ? response : exception.message) };
};

const fromRefusal = (refusal: CommandRefusedError): ErrorResponse => {
  const error = refusal.error;
  switch (error.type) {
    case 'IncidentNotFound':
      return { status: 404, body: errorBody(404, error.message, { incidentId: error.incidentId }) };
    case 'IllegalTransition':
      return {
        status: 409,
        body: errorBody(409, error.message, {
          reason: 'IllegalTransition',
          command: error.command,
          state: error.state,
          allowed: error.allowed,
          allowedActions: actionsOf(error.allowed),
        }),
      };
    case 'RuleViolation':
      return {
        status: 422,
        body: errorBody(422, error.message, {
          reason: 'RuleViolation',
          command: error.command,
          errors: [{ field: error.field, reason: error.reason }],
        }),
      };
    case 'EvidenceNotFound':
      return {
        status: 404,
        body: errorBody(404, error.message, { incidentId: error.incidentId, evidenceId: error.evidenceId }),
      };
    case 'CustodyViolation':
      return {
        status: 409,
        body: errorBody(409, error.message, {
          reason: 'CustodyViolation',
          command: error.command,
          evidenceId: error.evidenceId,
          status: error.status,
          holder: error.holder,
          ...(error.claimedHolder !== undefined && { claimedHolder: error.claimedHolder }),
        }),
      };
    default:
      return assertUnreachable(error);
  }
};

const fromRejection = (rejection: RequestRejectedError): ErrorResponse => ({
  status: rejection.status,
  body: errorBody(rejection.status, rejection.message, {
    ...rejection.details,
    ...(rejection.errors.length > 0 && { errors: rejection.errors }),
  }),
  headers: rejection.headers,
});

/**
 * The client went away (or was timed out) while its body was being read: Node's request stream fails
 * with 'aborted'. The client's doing, not a server error to log; nobody is left to read the answer.
 */
const isClientAbort = (exception: unknown): boolean => {
  // Duck-typed: Node's own errors may come from another realm (e.g. under jest), where instanceof fails.
  const { code, message } = (typeof exception === 'object' && exception !== null ? exception : {}) as { code?: unknown; message?: unknown };
  return code === 'ECONNRESET' && message === 'aborted';
};

/** Maps anything thrown while serving a request to a status and a body that leaks nothing internal. */
export const toErrorResponse = (exception: unknown): ErrorResponse => {
  if (exception instanceof RequestRejectedError) return fromRejection(exception);
  if (isClientAbort(exception)) return { status: 400, body: errorBody(400, 'The request was aborted before its body arrived') };
  if (exception instanceof CommandRefusedError) return fromRefusal(exception);
  if (exception instanceof RevisionMismatchError) {
    return {
      status: 412,
      body: errorBody(412, exception.message, {
        expectedRevision: exception.expected.toString(),
        currentRevision: exception.actual?.toString() ?? null,
      }),
    };
  }
  if (exception instanceof IdempotencyKeyReusedError) {
    return { status: 422, body: errorBody(422, exception.message, { reason: 'IdempotencyKeyReused' }) };
  }
  if (exception instanceof ConcurrencyExhaustedError) {
    return {
      status: 409,
      body: errorBody(409, exception.message, { reason: 'ConcurrentModification' }),
      headers: { 'retry-after': '1' },
    };
  }
  if (exception instanceof InvalidQueryError) {
    // Field names are ours, so in practice this is a client's tampered or stale cursor.
    return {
      status: 400,
      body: errorBody(400, 'Invalid query', { errors: [{ field: 'cursor', reason: exception.message }] }),
    };
  }
  if (exception instanceof EventStoreUnavailableError) {
    return {
      status: 503,
      body: errorBody(503, 'The event store is unavailable; retry shortly'),
      headers: { 'retry-after': RETRY_AFTER_SECONDS },
    };
  }
  if (isReadStoreUnavailable(exception)) {
    return {
      status: 503,
      body: errorBody(503, 'The read store is unavailable; retry shortly'),
      headers: { 'retry-after': RETRY_AFTER_SECONDS },
    };
  }
  if (exception instanceof HttpException) {
    // Nest wraps Fastify's own errors (malformed JSON, body too large) and keeps them as the cause.
    const cause = exception.cause;
    const fastify = typeof cause === 'object' && cause !== null ? fromFastify(cause as FastifyLikeError) : undefined;
    return fastify ?? fromHttpException(exception);
  }
  return { status: 500, body: errorBody(500, 'Internal server error'), unexpected: true };
};
