import { randomUUID } from 'node:crypto';
import { advance, logIncident, newIncidentBody } from '../../../../test/support/incident-fixtures';
import type { LedgerHttpClient } from '../../../../test/support/ledger-http-client';
import { type LedgerTestApp, startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { type CreatedPrincipal, createPrincipal } from '../principals/testing/principal-fixtures';
import { isIncidentRoutePath } from './incident-route';
import type { Permission } from './permissions';
import { EVERY_PRINCIPAL, ROLE_MATRIX, type Role, ROLES } from './role-matrix';
import { listRoutes, type RouteInfo } from './route-inventory';

/**
 * Every route × every role, generated from listRoutes(app) and ROLE_MATRIX: new routes are covered without
 * touching this file. Each request is sent by a principal holding only that role. "Allowed" means anything but
 * 401/403 (usually 400 for the deliberately empty body, or 404 for made-up ids); "denied" means the guard's 403
 * naming the route's permission. Bodies are empty objects, so no allowed request changes anything.
 */
describe('role × route matrix', () => {
  let ledger: LedgerTestApp;
  let routes: RouteInfo[];
  const principals = {} as Record<Role, CreatedPrincipal>;
  /** Reported by the reporter and assigned to the handler: inside both scoped grants. */
  let own: string;
  /** Reported by the admin and assigned to someone else's team: outside both. */
  let other: string;
  /** Assigned to someone else, but to the handler's team. */
  let teamOnly: string;

  const assign = async (id: string, assignee: string, team: string): Promise<void> => {
    const response = await ledger.client.post(`/incidents/${id}/assign`, { assignee, team });
    if (response.status !== 200) throw new Error(`assign failed: ${response.status}`);
  };

  beforeAll(async () => {
    ledger = await startLedgerTestApp();
    routes = listRoutes(ledger.app).filter((route) => !route.isPublic);
    for (const role of ROLES) {
      const name = { reporter: 'rita', handler: 'hank' }[role as string] ?? `${role}-1`;
      principals[role] = await createPrincipal(ledger.client, name, [role], role === 'handler' ? { teams: ['blue-team'] } : {});
    }
    const logged = await principals.reporter.client.post('/incidents', newIncidentBody('Reported by rita'));
    own = logged.body.id;
    other = await logIncident(ledger.client, 'Reported by admin');
    teamOnly = await logIncident(ledger.client, 'Assigned to the blue team');
    for (const id of [own, other, teamOnly]) await advance(ledger.client, id, 2);
    await assign(own, 'hank', 'red-team');
    await assign(other, 'someone', 'other-team');
    await assign(teamOnly, 'someone', 'blue-team');
  });
  afterAll(() => ledger.close());

  const pathFor = (route: RouteInfo, incidentId: string): string =>
    route.path.replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      if (name === 'id') return isIncidentRoutePath(route.path) ? incidentId : 'principal-unknown';
      return randomUUID();
    });

  const send = (client: LedgerHttpClient, route: RouteInfo, incidentId: string, body: unknown = {}) =>
    client.request(route.method, pathFor(route, incidentId), route.method === 'GET' || route.method === 'DELETE' ? undefined : body);

  /** What ROLE_MATRIX says, for an incident inside ('own') or outside ('other') the role's scoped grants. */
  const expected = (role: Role, permission: Permission, route: RouteInfo, incident: 'own' | 'other'): 'allowed' | 'denied' => {
    const scope = EVERY_PRINCIPAL[permission] ?? ROLE_MATRIX[role][permission];
    if (scope === undefined) return 'denied';
    if (scope === 'any') return 'allowed';
    // Scoped grants only reach routes about one incident, and only that role's own/assigned incidents.
    return isIncidentRoutePath(route.path) && incident === 'own' ? 'allowed' : 'denied';
  };

  it('covers every non-public route, each with a permission', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((route) => route.permission === undefined)).toEqual([]);
  });

  it.each(ROLES)('as %s, every route answers exactly as ROLE_MATRIX says', async (role) => {
    const mismatches: string[] = [];
    let allowed = 0;
    let denied = 0;
    for (const route of routes) {
      const incidents = isIncidentRoutePath(route.path) ? (['own', 'other'] as const) : (['own'] as const);
      for (const incident of incidents) {
        const want = expected(role, route.permission!, route, incident);
        const response = await send(principals[role].client, route, incident === 'own' ? own : other);
        const label = `${route.method} ${route.path} (${route.permission}, ${incident} incident)`;
        if (want === 'allowed') {
          allowed++;
          if (response.status === 401 || response.status === 403) {
            mismatches.push(`${label}: expected the guard to allow, got ${response.status} ${response.body?.message}`);
          }
        } else {
          denied++;
          if (response.status !== 403 || response.body?.permission !== route.permission) {
            mismatches.push(`${label}: expected 403 naming the permission, got ${response.status} ${JSON.stringify(response.body)}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Every role is allowed something (at least GET /principals/me) and denied something.
    expect(allowed).toBeGreaterThan(0);
    expect(denied).toBeGreaterThan(0);
  });

  it("names the missing permission in the guard's 403 body", async () => {
    const response = await principals.analyst.client.post(`/incidents/${own}/contain`, { summary: 'isolated' });
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      message: expect.stringContaining("Missing permission 'incident:respond'"),
      permission: 'incident:respond',
    });
  });

  it('runs before validation: a denied role gets 403 whatever the body or id, an allowed one gets 400', async () => {
    const bogus = { bogus: true, summary: 42 };
    for (const path of [`/incidents/${own}/contain`, '/incidents/not-a-uuid/contain']) {
      expect((await principals.auditor.client.post(path, bogus)).status).toBe(403);
      expect((await principals.manager.client.post(path, bogus)).status).toBe(400);
    }
    // The handler's grant is scoped: a malformed or unknown id cannot be its incident.
    expect((await principals.handler.client.post('/incidents/not-a-uuid/contain', bogus)).status).toBe(403);
    expect((await principals.handler.client.post(`/incidents/${own}/contain`, bogus)).status).toBe(400);
  });

  it('lets a handler act on incidents assigned to its team, and checks the assignment at request time', async () => {
    const hank = principals.handler.client;
    expect((await hank.post(`/incidents/${teamOnly}/contain`, { summary: 'Isolated the host' })).status).toBe(200);
    const incident = await logIncident(ledger.client, 'Reassigned');
    await advance(ledger.client, incident, 2);
    await assign(incident, 'hank', 'red-team');
    expect((await hank.post(`/incidents/${incident}/notes`, { text: 'on it' })).status).toBe(201);
    await assign(incident, 'someone', 'other-team');
    const after = await hank.post(`/incidents/${incident}/notes`, { text: 'still on it?' });
    expect(after.status).toBe(403);
    expect(after.body).toMatchObject({ permission: 'incident:note', scopes: ['assigned'] });
  });

  it('scopes reporters to what they reported, and answers them 403 (not 404) for unknown incidents', async () => {
    const rita = principals.reporter.client;
    expect((await rita.get(`/incidents/${own}`)).status).toBe(200);
    expect((await rita.post(`/incidents/${own}/notes`, { text: 'More detail from me' })).status).toBe(201);
    expect((await rita.get(`/incidents/${other}/events`)).status).toBe(403);
    const unknown = `/incidents/${randomUUID()}`;
    expect((await rita.get(unknown)).body).toMatchObject({ statusCode: 403, permission: 'incident:read', scopes: ['reported'] });
    // Unscoped principals see the route's own 404.
    expect((await principals.manager.client.get(unknown)).status).toBe(404);
  });

  it('refuses incident writes to an admin without incident roles', async () => {
    const response = await principals.admin.client.post('/incidents', newIncidentBody());
    expect(response.status).toBe(403);
    expect(response.body.permission).toBe('incident:log');
  });
});
