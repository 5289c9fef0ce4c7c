import { type LedgerTestApp, startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { PERMISSIONS } from './permissions';
import { listRoutes } from './route-inventory';

describe('route permissions', () => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await startLedgerTestApp();
  });
  afterAll(() => ledger.close());

  it('every route either declares one known permission or is public', () => {
    const routes = listRoutes(ledger.app);
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((route) => !route.isPublic && route.permission === undefined);
    expect(undeclared).toEqual([]);
    for (const route of routes.filter((r) => r.permission !== undefined)) {
      expect(PERMISSIONS).toContain(route.permission);
    }
    expect(routes.filter((route) => route.isPublic).map((route) => route.path)).toEqual(['/health']);
  });
});
