import { Logger, type Provider } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import type { LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { resolveAdminToken } from './admin-token';
import { type ConfiguredPrincipal, PrincipalDirectory, PrincipalLedger, tokenSha256 } from './ledger-principals';
import { PRINCIPAL_DIRECTORY } from './principal';
import { readPrincipalsFile } from './principals-file';
import type { Role } from './role-matrix';
import { SystemClock } from '../infrastructure/system-clock';

/**
 * The bootstrap admin: its id is stable so its events stay attributable across restarts. By default it
 * holds only the admin role (it creates the principals who do the work); LEDGER_ADMIN_ROLES can give it
 * more, e.g. for a single-user trial.
 */
export const BOOTSTRAP_ADMIN = { id: 'principal-admin', name: 'admin' } as const;

/** The bootstrap admin and LEDGER_PRINCIPALS_FILE's principals: read-only, not managed by events. */
export const configuredPrincipals = (config: LedgerConfig, logger = new Logger('Auth')): ConfiguredPrincipal[] => {
  const admin = resolveAdminToken(config.adminToken, config.dataDir);
  if (admin.source === 'generated') logger.warn(`Generated the admin token in ${admin.file} (keep it secret)`);
  if (admin.source === 'file') logger.log(`Admin token read from ${admin.file}`);
  const fromFile = config.principalsFile ? readPrincipalsFile(config.principalsFile) : [];
  if (fromFile.length > 0) logger.log(`${fromFile.length} read-only principal(s) from ${config.principalsFile}`);
  return [
    { ...BOOTSTRAP_ADMIN, roles: [...config.adminRoles] as Role[], teams: [], tokenSha256: tokenSha256(admin.token) },
    ...fromFile,
  ];
};

/** Loads the principals stream at start-up; the guard then serves from memory, refreshing the tail each second. */
export const principalDirectoryProvider = (config: LedgerConfig): Provider => ({
  provide: PRINCIPAL_DIRECTORY,
  inject: [EVENT_STORE, SystemClock],
  useFactory: async (store: EventStore, clock: SystemClock): Promise<PrincipalDirectory> => {
    const logger = new Logger('Auth');
    const ledger = new PrincipalLedger(store, { clock: () => clock.now() });
    const directory = await PrincipalDirectory.open(ledger, configuredPrincipals(config, logger), {
      clock: () => clock.now(),
      onRefreshError: (error) => logger.warn(`Could not refresh principals; serving the last known state: ${String(error)}`),
    });
    logger.log(`${ledger.registry.all().length} principal(s) from the ledger`);
    return directory;
  },
});
