import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLedgerApp } from '../../../apps/api/src/app.factory';
import { loadLedgerConfig } from '../../../apps/api/src/config/ledger-config';
import { DEFAULT_HARDENING, type HardeningConfig } from '../../../apps/api/src/hardening';
import { LedgerHttpClient } from '../../support/ledger-http-client';
import { ALL_ROLES, TEST_ADMIN_TOKEN } from '../../support/ledger-test-app';

export type HardenedTestApp = Readonly<{
  app: NestFastifyApplication;
  url: string;
  dataDir: string;
  client: LedgerHttpClient;
  close(): Promise<void>;
}>;

/**
 * Like startLedgerTestApp, but with explicit hardening limits (startLedgerTestApp takes them from
 * the environment): a low rate limit or a short timeout for one spec, a high rate limit for the suite.
 */
export const startHardenedTestApp = async (
  hardening: Partial<HardeningConfig> = {},
  env: NodeJS.ProcessEnv = {},
): Promise<HardenedTestApp> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledger-hostile-'));
  const config = loadLedgerConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    // As startLedgerTestApp: the admin holds every role, so the suites reach validation, not a 403.
    LEDGER_ADMIN_ROLES: ALL_ROLES,
    LEDGER_LOG_LEVEL: 'error',
    PORT: '0',
    ...env,
  });
  const app = await createLedgerApp(config, { ...DEFAULT_HARDENING, ...hardening });
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    dataDir,
    client: new LedgerHttpClient(url, TEST_ADMIN_TOKEN),
    close: async () => {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
