import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerGuard,
  type ThrottlerLimitDetail,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyRequest } from 'fastify';
import { PRINCIPAL_DIRECTORY, type Principal, type PrincipalDirectory } from '../auth/principal';
import { RequestRejectedError } from '../http/request-rejected.error';

/** Paths never limited: liveness probes must answer however busy the API is. */
export const RATE_LIMIT_EXEMPT = new Set(['/health']);

const BEARER = /^Bearer ([\x21-\x7e]{1,512})$/;

/**
 * @nestjs/throttler with one bucket per caller across all routes (not one per route): per principal
 * when the bearer token authenticates, otherwise per client IP, so bad tokens are limited too.
 * It finds the principal itself, so it works whichever global guard runs first.
 */
@Injectable()
export class LedgerRateLimitGuard extends ThrottlerGuard {
  private directory: PrincipalDirectory | undefined;

  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly moduleRef: ModuleRef,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    return RATE_LIMIT_EXEMPT.has(request.routeOptions?.url ?? '');
  }

  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const request = req as FastifyRequest & { principal?: Principal };
    const principal = request.principal ?? (await this.authenticate(request.headers.authorization));
    return principal ? `principal:${principal.id}` : `ip:${normalizeIp(request.ip, this.ipv6SubnetPrefix)}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, name: string): string {
    return `${name}:${tracker}`;
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const seconds = Math.max(1, Math.ceil(detail.timeToBlockExpire));
    const per = detail.tracker.startsWith('principal:') ? 'principal' : 'client address';
    throw new RequestRejectedError(
      429,
      `Too many requests: at most ${detail.limit} per ${Math.round(detail.ttl / 1000)} s per ${per}; retry in ${seconds} s`,
      [],
      { retryAfterSeconds: seconds },
      { 'retry-after': String(seconds) },
    );
  }

  private async authenticate(header: string | undefined): Promise<Principal | undefined> {
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    if (!match) return undefined;
    this.directory ??= this.moduleRef.get<PrincipalDirectory>(PRINCIPAL_DIRECTORY, { strict: false });
    // Awaited so a directory that becomes asynchronous keeps working.
    return await this.directory.authenticate(match[1]!);
  }
}
