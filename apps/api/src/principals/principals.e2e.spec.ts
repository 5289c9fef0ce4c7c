import type { EventStore } from '@ledger/event-store';
import { verifyStreamChain } from '@ledger/ledger';
import { newIncidentBody } from '../../../../test/support/incident-fixtures';
import { LEDGER_TARGETS } from '../../../../test/support/ledger-targets';
import { type LedgerTestApp, TEST_ADMIN_TOKEN } from '../../../../test/support/ledger-test-app';
import { PRINCIPALS_STREAM } from '../auth/ledger-principals';
import { SystemClock } from '../infrastructure/system-clock';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { createPrincipal } from './testing/principal-fixtures';

const ADMIN = { id: 'principal-admin', name: 'admin' };

describe.each(LEDGER_TARGETS)('principals over HTTP, on the $name', (target) => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await target.start();
  });
  afterAll(() => ledger.close());
  afterEach(() => jest.restoreAllMocks());

  const principalEvents = () => ledger.app.get<EventStore>(EVENT_STORE).readStream(PRINCIPALS_STREAM);

  it('creates a principal and shows its token once; the token works; lists and details never show secrets', async () => {
    const created = await ledger.client.post('/principals', { name: 'alice', roles: ['handler'], teams: ['soc-tier2'] });
    expect(created.status).toBe(201);
    expect(created.headers.get('cache-control')).toBe('no-store');
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^principal-/),
      name: 'alice',
      roles: ['handler'],
      teams: ['soc-tier2'],
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      tokenId: expect.any(String),
      expiresAt: null,
    });
    const { id, token, tokenId } = created.body;

    const me = await ledger.client.as(token).get('/principals/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id, name: 'alice', roles: ['handler'], teams: ['soc-tier2'], tokenId });
    expect(me.body.permissions).toEqual(expect.arrayContaining([{ permission: 'incident:respond', scopes: ['assigned'] }]));

    const list = await ledger.client.get('/principals');
    expect(list.status).toBe(200);
    expect(list.body.principals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'principal-admin', name: 'admin', source: 'configured' }),
        expect.objectContaining({ id, name: 'alice', roles: ['handler'], disabled: false, source: 'ledger', registeredBy: ADMIN }),
      ]),
    );
    const details = await ledger.client.get(`/principals/${id}`);
    expect(details.body.tokens).toEqual([expect.objectContaining({ tokenId, expiresAt: null, revoked: false, issuedBy: ADMIN })]);
    const [registered, issued] = await principalEvents();
    for (const body of [list.body, details.body]) {
      const text = JSON.stringify(body);
      expect(text).not.toContain(token);
      expect(text).not.toContain(String(issued!.data.tokenSha256));
      expect(text).not.toMatch(/tokenSha256|digest/i);
    }
    expect(registered!.metadata.actor).toEqual(ADMIN);
  });

  it('records role changes as events naming the admin who made them, on a chain that verifies', async () => {
    const root2 = await createPrincipal(ledger.client, 'root2', ['admin']);
    const bob = await createPrincipal(ledger.client, 'bob', ['reporter']);
    const changed = await root2.client.post(`/principals/${bob.id}/roles`, { roles: ['analyst', 'handler'] });
    expect(changed.status).toBe(200);
    expect(changed.body.roles).toEqual(['analyst', 'handler']);
    expect(changed.body.roleHistory).toEqual([
      expect.objectContaining({ roles: ['reporter'], previousRoles: [], changedBy: ADMIN }),
      expect.objectContaining({ roles: ['analyst', 'handler'], previousRoles: ['reporter'], changedBy: { id: root2.id, name: 'root2' } }),
    ]);
    expect((await bob.client.get('/principals/me')).body.roles).toEqual(['analyst', 'handler']);
    const teams = await root2.client.post(`/principals/${bob.id}/teams`, { teams: ['blue-team'] });
    expect(teams.body.teams).toEqual(['blue-team']);

    const events = await principalEvents();
    const change = events.find((event) => event.type === 'PrincipalRolesChanged' && event.data.principalId === bob.id)!;
    expect(change.data).toEqual({ principalId: bob.id, roles: ['analyst', 'handler'], previousRoles: ['reporter'] });
    expect(change.metadata.actor).toEqual({ id: root2.id, name: 'root2' });
    expect(verifyStreamChain(PRINCIPALS_STREAM, events)).toMatchObject({ ok: true, events: events.length });
  });

  it('refuses a disabled principal with 401 until it is enabled again', async () => {
    const carol = await createPrincipal(ledger.client, 'carol', ['analyst']);
    const disabled = await ledger.client.post(`/principals/${carol.id}/disable`, { reason: 'left the company' });
    expect(disabled.status).toBe(200);
    expect(disabled.body.disabled).toBe(true);
    expect((await carol.client.get('/principals/me')).status).toBe(401);
    expect((await ledger.client.post(`/principals/${carol.id}/enable`, {})).body.disabled).toBe(false);
    expect((await carol.client.get('/principals/me')).status).toBe(200);
    const types = (await ledger.client.get(`/principals/${carol.id}`)).body.history.map((entry: { type: string }) => entry.type);
    expect(types).toEqual(['PrincipalRegistered', 'TokenIssued', 'PrincipalDisabled', 'PrincipalEnabled']);
  });

  it('issues further tokens and revokes one without touching the others', async () => {
    const dave = await createPrincipal(ledger.client, 'dave', ['auditor']);
    const second = await ledger.client.post(`/principals/${dave.id}/tokens`, { expiresInDays: 30 });
    expect(second.status).toBe(201);
    expect(second.body).toMatchObject({ principalId: dave.id, token: expect.any(String), expiresAt: expect.any(String) });
    const revoked = await ledger.client.post(`/principals/${dave.id}/tokens/${dave.tokenId}/revoke`, { reason: 'rotated' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ tokenId: dave.tokenId, revoked: true, revokedBy: ADMIN });
    expect((await dave.client.get('/principals/me')).status).toBe(401);
    expect((await ledger.client.as(second.body.token).get('/principals/me')).status).toBe(200);
    const unknown = await ledger.client.post(`/principals/${dave.id}/tokens/3f2504e0-4f89-41d3-9a0c-0305e82c3301/revoke`, {});
    expect(unknown.status).toBe(404);
  });

  it('refuses an expired token with 401', async () => {
    const erin = await createPrincipal(ledger.client, 'erin', ['analyst'], { expiresInDays: 1 });
    expect((await erin.client.get('/principals/me')).status).toBe(200);
    const clock = ledger.app.get(SystemClock);
    jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 2 * 86_400_000));
    expect((await erin.client.get('/principals/me')).status).toBe(401);
    expect((await ledger.client.get(`/principals/${erin.id}`)).body.tokens[0]).toMatchObject({ expired: true });
  });

  it('answers 409 for a taken name (in any case), including the bootstrap admin’s', async () => {
    await createPrincipal(ledger.client, 'frank', ['reporter']);
    for (const name of ['frank', 'FRANK', 'admin']) {
      const duplicate = await ledger.client.post('/principals', { name, roles: ['reporter'] });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body).toMatchObject({ reason: 'NameTaken', errors: [{ field: 'name', reason: expect.any(String) }] });
    }
  });

  it('validates input: unknown roles, no roles, bad names, bad expiry', async () => {
    for (const body of [
      { name: 'gina', roles: ['root'] },
      { name: 'gina', roles: [] },
      { name: 'gina smith', roles: ['reporter'] },
      { name: 'gina', roles: ['reporter'], expiresInDays: 0 },
      { name: 'gina', roles: ['reporter'], token: 'chosen-by-me' },
    ]) {
      expect((await ledger.client.post('/principals', body)).status).toBe(400);
    }
  });

  it('refuses changes to configured principals and answers 404 for unknown ones', async () => {
    const configured = await ledger.client.post('/principals/principal-admin/disable', {});
    expect(configured.status).toBe(409);
    expect(configured.body.reason).toBe('ConfiguredPrincipal');
    expect((await ledger.client.post('/principals/principal-nobody/roles', { roles: ['reporter'] })).status).toBe(404);
    expect((await ledger.client.get('/principals/principal-nobody')).status).toBe(404);
    expect((await ledger.client.get('/principals/principal-admin')).body).toMatchObject({ source: 'configured', tokens: [] });
  });

  it('lets only admins manage principals (403 naming principal:manage), and every principal see itself', async () => {
    const manager = await createPrincipal(ledger.client, 'mona', ['manager']);
    const refused = await manager.client.post('/principals', { name: 'sneaky', roles: ['admin'] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ permission: 'principal:manage' });
    expect((await manager.client.get('/principals')).status).toBe(403);
    expect((await manager.client.post(`/principals/${manager.id}/roles`, { roles: ['admin'] })).status).toBe(403);
    expect((await manager.client.get('/principals/me')).status).toBe(200);
    expect((await ledger.client.as(null).get('/principals/me')).status).toBe(401);
  });

  it('keeps an admin without incident roles away from incidents (403)', async () => {
    const root3 = await createPrincipal(ledger.client, 'root3', ['admin']);
    const response = await root3.client.post('/incidents', newIncidentBody());
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({ permission: 'incident:log', message: expect.stringContaining("'incident:log'") });
  });

  it('records the authenticated principal as the actor of every event it causes', async () => {
    const rita = await createPrincipal(ledger.client, 'rita', ['reporter']);
    const logged = await rita.client.post('/incidents', newIncidentBody('Phishing mail reported by rita'));
    expect(logged.status).toBe(201);
    await rita.client.post(`/incidents/${logged.body.id}/notes`, { text: 'I clicked the link before reporting' });
    const history = await ledger.client.get(`/incidents/${logged.body.id}/events`);
    expect(history.body.events.map((event: any) => event.metadata.actor)).toEqual([
      { id: rita.id, name: 'rita' },
      { id: rita.id, name: 'rita' },
    ]);
    expect(history.body.events[0].data.reporter).toBe('rita');
    expect((await rita.client.get(`/incidents/${logged.body.id}`)).status).toBe(200);
  });

  it('still accepts the bootstrap admin token', async () => {
    expect((await ledger.client.as(TEST_ADMIN_TOKEN).get('/principals/me')).body).toMatchObject({ id: 'principal-admin', source: 'configured' });
  });
});
