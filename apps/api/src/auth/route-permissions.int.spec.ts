import { type LedgerTestApp, startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { PERMISSIONS } from './permissions';
import { ROLES, scopesOf } from './role-matrix';
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

  it('every declared permission is granted by some role, so no route is out of everyone’s reach', () => {
    const unreachable = listRoutes(ledger.app).filter(
      (route) => route.permission !== undefined && ROLES.every((role) => scopesOf([role], route.permission!).length === 0),
    );
    expect(unreachable).toEqual([]);
  });
});
