import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import type { Principal } from '../auth/principal';
import { errorBody } from '../http/problem';
import { commandIdFor } from './command-ids';

/** What a command request carries besides its body. */
export type CommandRequestInfo = Readonly<{
  principal: Principal;
  idempotencyKey?: string;
  /** Stable across retries that carry the same Idempotency-Key. */
  commandId: string;
  /** From If-Match: the revision the client based its command on. */
  expectedRevision?: bigint;
  correlationId: string;
  causationId?: string;
}>;

const TOKEN = /^[\x21-\x7e]{1,255}$/;
const REVISION = /^(?:W\/)?"?(\d{1,19})"?$/;

const header = (request: AuthenticatedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  if (value === undefined) return undefined;
  if (Array.isArray(value) || !TOKEN.test(value)) {
    throw new BadRequestException(
      errorBody(400, `Invalid ${name} header`, {
        errors: [{ field: `header:${name}`, reason: 'must be a single value of 1-255 visible ASCII characters' }],
      }),
    );
  }
  return value;
};

export const parseIfMatch = (value: string | undefined): bigint | undefined => {
  if (value === undefined) return undefined;
  const match = REVISION.exec(value);
  if (!match) {
    throw new BadRequestException(
      errorBody(400, 'Invalid If-Match header', {
        errors: [{ field: 'header:if-match', reason: 'must be a revision number, e.g. If-Match: 3 or "3"' }],
      }),
    );
  }
  return BigInt(match[1]!);
};

/** Reads principal, Idempotency-Key, If-Match and correlation headers of a command request. */
export const CommandRequest = createParamDecorator((_: unknown, context: ExecutionContext): CommandRequestInfo => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('CommandRequest used on a route without authentication');
  const idempotencyKey = header(request, 'idempotency-key');
  return {
    principal: request.principal,
    idempotencyKey,
    commandId: commandIdFor(request.principal, idempotencyKey),
    expectedRevision: parseIfMatch(header(request, 'if-match')),
    correlationId: header(request, 'x-correlation-id') ?? request.id,
    causationId: header(request, 'x-causation-id'),
  };
});
