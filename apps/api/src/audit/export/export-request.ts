import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Actor } from '@ledger/domain';
import type { AuthenticatedRequest } from '../../auth/bearer-auth.guard';

/** Who is exporting and the id that ties the access record to this request. */
export type ExportRequester = Readonly<{ actor: Actor; correlationId: string }>;

const TOKEN = /^[\x21-\x7e]{1,255}$/;

export const Requester = createParamDecorator((_: unknown, context: ExecutionContext): ExportRequester => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Error('Requester used on a route without authentication');
  const header = request.headers['x-correlation-id'];
  // A malformed header is not worth refusing a read for; the request id identifies it as well.
  const correlationId = typeof header === 'string' && TOKEN.test(header) ? header : request.id;
  return { actor: { id: request.principal.id, name: request.principal.name }, correlationId };
});
