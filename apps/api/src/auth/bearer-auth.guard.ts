import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { errorBody } from '../http/problem';
import { PRINCIPAL_DIRECTORY, type Principal, type PrincipalDirectory } from './principal';
import { IS_PUBLIC } from './public.decorator';

export type AuthenticatedRequest = FastifyRequest & { principal?: Principal };

/** Every route needs `Authorization: Bearer <token>` unless marked @Public(). */
@Injectable()
export class BearerAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(PRINCIPAL_DIRECTORY) private readonly directory: PrincipalDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([\x21-\x7e]{1,512})$/.exec(header.trim()) : null;
    if (!match) {
      throw new UnauthorizedException(errorBody(401, 'Missing or malformed Authorization header; expected "Bearer <token>"'));
    }
    const principal = await this.directory.authenticate(match[1]!);
    // One answer for unknown, expired, revoked and disabled: the caller learns nothing about other tokens.
    if (!principal) throw new UnauthorizedException(errorBody(401, 'Invalid, expired or revoked token'));
    request.principal = principal;
    return true;
  }
}
