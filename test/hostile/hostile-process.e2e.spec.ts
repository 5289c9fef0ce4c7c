import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_HARDENING } from '../../apps/api/src/hardening';
import { LedgerHttpClient } from '../support/ledger-http-client';
import { ALL_ROLES } from '../support/ledger-test-app';
import { ensureBuilt, type LedgerProcess, startLedgerProcess, waitForExit } from '../support/ledger-process';
import { startHardenedTestApp } from './support/hardened-test-app';
import { prepareHostileRun, routesOf } from './support/hostile-setup';
import { formatReport, runHostileSuite, type SuiteReport } from './support/hostile-runner';

const TOKEN = 'hostile-process-admin-token-0123456789';
const BODY_LIMIT = 256 * 1024;

/** The same suite against the built API in its own process: it must still be running, and quiet, at the end. */
describe('hostile input on every route (built API, own process)', () => {
  let server: LedgerProcess;
  let dataDir: string;
  let report: SuiteReport;
  let exitCode: number | null = null;

  beforeAll(async () => {
    ensureBuilt();
    // The routes, as listRoutes finds them in the same source the build came from.
    const lister = await startHardenedTestApp();
    const routes = routesOf(lister.app);
    await lister.close();

    dataDir = mkdtempSync(join(tmpdir(), 'ledger-hostile-process-'));
    server = await startLedgerProcess({
      LEDGER_DATA_DIR: dataDir,
      LEDGER_ADMIN_TOKEN: TOKEN,
      LEDGER_ADMIN_ROLES: ALL_ROLES,
      LEDGER_LOG_LEVEL: 'error',
      LEDGER_BODY_LIMIT: String(BODY_LIMIT),
      LEDGER_RATE_LIMIT: '1000000',
    });
    const setup = await prepareHostileRun(routes, new LedgerHttpClient(server.url, TOKEN), { name: 'admin', token: TOKEN });
    report = await runHostileSuite({
      url: server.url,
      dataDir,
      targets: setup.targets,
      principals: setup.principals,
      context: { token: TOKEN, bodyLimit: BODY_LIMIT, maxUrlLength: DEFAULT_HARDENING.maxUrlLength, values: setup.values },
      concurrency: 8,
    });
    exitCode = server.child.exitCode;
    process.stdout.write(formatReport('Hostile-input suite (built API process)', report));
  }, 900_000);

  afterAll(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await waitForExit(server.child);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers every case with a 4xx and a clear error body, never a 5xx', () => {
    expect(report.failures.map((f) => `${f.route} [${f.category}] ${f.name} → ${f.status}: ${f.problems.join('; ')}`)).toEqual([]);
  });

  it('is still running, answered /health after every route, and logged no unexpected error', () => {
    expect(exitCode).toBeNull();
    expect(report.downAfter).toEqual([]);
    expect(server.output()).not.toMatch(/ERROR/);
  });

  it('leaves the event store unchanged outside checkpoints and access records', () => {
    expect(report.writes).toEqual([]);
    expect(report.storeAfter).toBe(report.storeBefore);
  });
});
