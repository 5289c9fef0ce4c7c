import { DEFAULT_HARDENING } from '../../apps/api/src/hardening';
import { TEST_ADMIN_TOKEN } from '../support/ledger-test-app';
import { type HardenedTestApp, startHardenedTestApp } from './support/hardened-test-app';
import { prepareHostileRun, routesOf } from './support/hostile-setup';
import { formatReport, runHostileSuite, type SuiteReport } from './support/hostile-runner';

const BODY_LIMIT = 256 * 1024;

/**
 * Every route (found with listRoutes, so routes added later are covered too) × every hostile case:
 * always a 4xx with a clear error body, never a 5xx, the process up after each route, and not one
 * byte changed in the event store outside the checkpoint and access-record streams.
 */
describe('hostile input on every route (in-process)', () => {
  let ledger: HardenedTestApp;
  let report: SuiteReport;
  let routes = 0;

  beforeAll(async () => {
    // A rate limit far above the suite's volume: the limiter stays in the path without answering 429.
    ledger = await startHardenedTestApp({ rateLimitPerMinute: 1_000_000 }, { LEDGER_BODY_LIMIT: String(BODY_LIMIT) });
    const list = routesOf(ledger.app);
    routes = list.length;
    const setup = await prepareHostileRun(list, ledger.client, { name: 'admin', token: TEST_ADMIN_TOKEN });
    report = await runHostileSuite({
      url: ledger.url,
      dataDir: ledger.dataDir,
      targets: setup.targets,
      principals: setup.principals,
      context: { token: TEST_ADMIN_TOKEN, bodyLimit: BODY_LIMIT, maxUrlLength: DEFAULT_HARDENING.maxUrlLength, values: setup.values },
    });
    process.stdout.write(formatReport('Hostile-input suite (in-process)', report) + setup.notes.map((note) => `  note: ${note}\n`).join(''));
  }, 600_000);
  afterAll(() => ledger?.close());

  it('covers every route of the application', () => {
    expect(report.routes).toBe(routes);
    expect(routes).toBeGreaterThan(10);
  });

  it('answers every case with a 4xx and a clear error body naming the field at fault, leaking nothing', () => {
    expect(report.failures.map((f) => `${f.route} [${f.category}] ${f.name} → ${f.status}: ${f.problems.join('; ')}`)).toEqual([]);
    expect(report.results.filter((result) => result.status >= 500)).toEqual([]);
  });

  it('stays up after every route’s batch', () => {
    expect(report.downAfter).toEqual([]);
  });

  it('leaves the event store byte-for-byte unchanged (outside checkpoints and access records)', () => {
    expect(report.writes).toEqual([]);
    expect(report.storeAfter).toBe(report.storeBefore);
  });
});
