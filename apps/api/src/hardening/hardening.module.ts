import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { HardeningConfig } from './hardening-config';
import { LedgerRateLimitGuard } from './rate-limit.guard';
import { RouteInputsInterceptor } from './route-inputs.interceptor';
import { SlidingWindowStorage } from './sliding-window-storage';

/**
 * The Nest side of the hardening: the rate limit (a global guard; import this module before the
 * AuthModule so it runs before authentication and limits bad tokens too) and the refusal of input a
 * route does not read. The Fastify side (headers, parser, hooks, timeouts) is in apply-http-hardening.
 */
@Module({})
export class HardeningModule {
  static forRoot(config: HardeningConfig): DynamicModule {
    const limited = config.rateLimitPerMinute > 0;
    return {
      module: HardeningModule,
      imports: limited
        ? [
            ThrottlerModule.forRoot({
              throttlers: [{ name: 'default', ttl: 60_000, limit: config.rateLimitPerMinute }],
              storage: new SlidingWindowStorage(),
            }),
          ]
        : [],
      providers: [
        { provide: APP_INTERCEPTOR, useClass: RouteInputsInterceptor },
        ...(limited ? [{ provide: APP_GUARD, useClass: LedgerRateLimitGuard }] : []),
      ],
    };
  }
}
