import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/bearer-auth.guard';
import type { PrincipalCommandContext } from '../auth/ledger-principals';

const HEADER = /^[\x21-\x7e]{1,255}$/;

const header = (request: AuthenticatedRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return typeof value === 'string' && HEADER.test(value) ? value : undefined;
};

/** Who is changing principals (the authenticated admin, never the body) and the request's correlation ids. */
export const AdminRequest = createParamDecorator((_: unknown, context: ExecutionContext): PrincipalCommandContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const principal = request.principal;
  if (!principal) throw new UnauthorizedException('Not authenticated');
  const causationId = header(request, 'x-causation-id');
  return {
    actor: { id: principal.id, name: principal.name },
    correlationId: header(request, 'x-correlation-id') ?? request.id,
    ...(causationId !== undefined && { causationId }),
  };
});
