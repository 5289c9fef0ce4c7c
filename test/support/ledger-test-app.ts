import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createLedgerApp } from '../../apps/api/src/app.factory';
import { loadLedgerConfig } from '../../apps/api/src/config/ledger-config';
import { LedgerHttpClient } from './ledger-http-client';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
export const ALL_ROLES = 'reporter,analyst,handler,manager,auditor,admin';

export type LedgerTestApp = Readonly<{
  app: NestFastifyApplication;
  url: string;
  dataDir: string;
  /** Client authenticated as the bootstrap admin. */
  client: LedgerHttpClient;
  close(): Promise<void>;
}>;

/**
 * Starts the real API in-process on 127.0.0.1 and a random port, with its own data directory.
 * `env` overrides the environment the ledger reads (e.g. LEDGER_EVENTSTORE=esdb; LEDGER_DATA_DIR for a
 * second replica over the same embedded stores).
 */
export const startLedgerTestApp = async (env: NodeJS.ProcessEnv = {}): Promise<LedgerTestApp> => {
  // Another replica over an existing app's stores, when env names its data directory (that app removes it).
  const ownDataDir = env.LEDGER_DATA_DIR === undefined;
  const dataDir = env.LEDGER_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'ledger-e2e-'));
  const config = loadLedgerConfig({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    // Suites drive every kind of route as the bootstrap admin; role enforcement has its own matrix tests.
    LEDGER_ADMIN_ROLES: ALL_ROLES,
    LEDGER_LOG_LEVEL: 'error',
    PORT: '0',
    ...env,
  });
  const app = await createLedgerApp(config);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return {
    app,
    url,
    dataDir,
    client: new LedgerHttpClient(url, TEST_ADMIN_TOKEN),
    close: async () => {
      await app.close();
      if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
