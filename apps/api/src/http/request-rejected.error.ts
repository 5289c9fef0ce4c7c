import type { FieldError } from './problem';

/**
 * Thrown by the hardening layer (body parser, request hooks, guards, interceptors) when a request is
 * refused before a handler runs. The exception filter maps it like any other error, so the body keeps
 * the one shape: statusCode, error, message and, when a field is at fault, errors[{ field, reason }].
 */
export class RequestRejectedError extends Error {
  override readonly name = 'RequestRejectedError';

  constructor(
    readonly status: number,
    message: string,
    readonly errors: readonly FieldError[] = [],
    /** Extra top-level members of the error body (e.g. retryAfterSeconds). */
    readonly details: Readonly<Record<string, unknown>> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  /** A 400 naming the one field at fault: a body path, `(body)`, `query:<name>` or `header:<name>`. */
  static field(field: string, reason: string, message = `Invalid ${field}: ${reason}`): RequestRejectedError {
    return new RequestRejectedError(400, message, [{ field, reason }]);
  }
}
