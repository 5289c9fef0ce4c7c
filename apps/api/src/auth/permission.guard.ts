import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IncidentRepository } from '@ledger/ledger';
import { errorBody } from '../http/problem';
import type { AuthenticatedRequest } from './bearer-auth.guard';
import { isIncidentId, isIncidentRoute } from './incident-route';
import { type Permission, REQUIRED_PERMISSION } from './permissions';
import { IS_PUBLIC } from './public.decorator';
import { inScope, type Scope, scopesOf } from './role-matrix';

const SCOPE_TEXT: Record<Exclude<Scope, 'any'>, string> = {
  reported: 'incidents you reported',
  assigned: 'incidents assigned to you or your team',
};

const forbidden = (permission: Permission | undefined, message: string, details: Record<string, unknown> = {}): ForbiddenException =>
  new ForbiddenException(errorBody(403, message, { ...(permission && { permission }), ...details }));

/**
 * Enforces ROLE_MATRIX on every non-public route, after BearerAuthGuard and before any pipe (so an invalid
 * body or id still gets 403 when the role does not allow the route). A route that declares no permission is
 * refused: forgetting @Requires() must never open a route.
 *
 * Scoped grants (a reporter's own incidents, a handler's assigned ones) are checked against the incident named
 * by `:id` on `/incidents/:id…` routes; principals holding the permission unscoped never pay for that load.
 */
@Injectable()
export class PermissionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly incidents: IncidentRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const principal = request.principal;
    if (!principal) throw new UnauthorizedException(errorBody(401, 'Not authenticated'));
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets);
    if (permission === undefined) throw forbidden(undefined, 'This route declares no permission, so nobody may use it');

    const scopes = scopesOf(principal.roles, permission);
    if (scopes[0] === 'any') return true;
    const roles = principal.roles.length > 0 ? principal.roles.join(', ') : 'none';
    if (scopes.length === 0) {
      throw forbidden(permission, `Missing permission '${permission}': none of your roles (${roles}) grants it`);
    }
    const where = scopes.map((scope) => SCOPE_TEXT[scope as Exclude<Scope, 'any'>]).join(' or ');
    const denied = forbidden(permission, `Missing permission '${permission}' here: your roles (${roles}) grant it only on ${where}`, {
      scopes,
    });
    if (!isIncidentRoute(context.getHandler(), context.getClass())) throw denied;
    const incidentId = (request.params as Record<string, unknown> | undefined)?.id;
    // Unknown and malformed ids get the same 403 as someone else's incident: no existence oracle for scoped roles.
    if (!isIncidentId(incidentId)) throw denied;
    const { state } = await this.incidents.load(incidentId);
    if (state.status === 'none' || !scopes.some((scope) => inScope(scope, principal, state))) throw denied;
    return true;
  }
}
