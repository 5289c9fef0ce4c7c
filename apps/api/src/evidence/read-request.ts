import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import type { Principal } from '../auth/principal';
import { errorBody } from '../http/problem';

/** Who is reading, and the ids that tie an access record to the request. */
export type ReadRequestInfo = Readonly<{ principal: Principal; correlationId: string; causationId?: string }>;

const TOKEN = /^[\x21-\x7e]{1,255}$/;

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

/** The principal and correlation headers of a read that is recorded (an access record). */
export const ReadRequest = createParamDecorator((_: unknown, context: ExecutionContext): ReadRequestInfo => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('ReadRequest used on a route without authentication');
  const causationId = header(request, 'x-causation-id');
  return {
    principal: request.principal,
    correlationId: header(request, 'x-correlation-id') ?? request.id,
    ...(causationId !== undefined && { causationId }),
  };
});
