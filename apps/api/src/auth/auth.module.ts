import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { LedgerConfig } from '../config/ledger-config';
import { BearerAuthGuard } from './bearer-auth.guard';
import { PermissionGuard } from './permission.guard';
import { PRINCIPAL_DIRECTORY } from './principal';
import { principalDirectoryProvider } from './principal-directory.provider';

export { BOOTSTRAP_ADMIN } from './principal-directory.provider';

/**
 * Who may do what: bearer-token authentication (401), then the role × permission matrix (403), on every
 * route not marked @Public(). Global so the principals routes can reach the directory.
 */
@Module({})
export class AuthModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AuthModule,
      global: true,
      providers: [
        principalDirectoryProvider(config),
        // Guards run in this order: authenticate first, then authorize.
        { provide: APP_GUARD, useClass: BearerAuthGuard },
        { provide: APP_GUARD, useClass: PermissionGuard },
      ],
      exports: [PRINCIPAL_DIRECTORY],
    };
  }
}
