import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { LedgerConfig } from '../config/ledger-config';
import { resolveAdminToken } from './admin-token';
import { BearerAuthGuard } from './bearer-auth.guard';
import { PRINCIPAL_DIRECTORY } from './principal';
import { StaticPrincipalDirectory } from './static-principal-directory';

/** The bootstrap admin principal; its id is stable so its events stay attributable across restarts. */
export const BOOTSTRAP_ADMIN = { id: 'principal-admin', name: 'admin', roles: ['admin'] } as const;

export const buildPrincipalDirectory = (config: LedgerConfig): StaticPrincipalDirectory => {
  const logger = new Logger('Auth');
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  if (admin.source === 'generated') logger.warn(`Generated the admin token in ${admin.file} (keep it secret)`);
  if (admin.source === 'file') logger.log(`Admin token read from ${admin.file}`);
  const directory = new StaticPrincipalDirectory().add(BOOTSTRAP_ADMIN, admin.token);
  if (config.principalsFile) directory.addFile(config.principalsFile);
  return directory;
};

/** Bearer-token authentication on every route not marked @Public(). */
@Module({})
export class AuthModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: PRINCIPAL_DIRECTORY, useFactory: () => buildPrincipalDirectory(config) },
        { provide: APP_GUARD, useClass: BearerAuthGuard },
      ],
      exports: [PRINCIPAL_DIRECTORY],
    };
  }
}
