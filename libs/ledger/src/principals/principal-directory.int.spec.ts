import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { verifyStreamChain } from '../chain-verification';
import { PrincipalAdministration } from './principal-administration';
import { type ConfiguredPrincipal, PrincipalDirectory } from './principal-directory';
import { PRINCIPALS_STREAM } from './principal-events';
import { PrincipalLedger, PrincipalStreamTamperedError } from './principal-ledger';
import { tokenSha256 } from './principal-tokens';

const root = { id: 'principal-admin', name: 'admin' };
const context = { actor: root, correlationId: 'req-1' };
const configured: ConfiguredPrincipal[] = [
  { id: 'principal-admin', name: 'admin', roles: ['admin'], teams: [], tokenSha256: tokenSha256('bootstrap-admin-token') },
];

/** A controllable wall clock and monotonic clock. */
const clocks = () => {
  const state = { now: new Date('2026-11-23T10:00:00Z'), ms: 0 };
  return { state, clock: () => state.now, monotonic: () => state.ms };
};

describe('PrincipalDirectory over the principals stream', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-principals-'));
    store = await SqliteEventStore.open({ directory: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (time = clocks(), over = store) => {
    const directory = await PrincipalDirectory.open(new PrincipalLedger(over, { clock: time.clock }), configured, time);
    return { directory, admin: new PrincipalAdministration(directory, { newPrincipalId: () => `principal-${randomUUID()}` }), time };
  };

  it('authenticates the configured admin and a registered principal, and nothing else', async () => {
    const { directory, admin } = await open();
    const { principal, token } = await admin.register({ name: 'alice', roles: ['handler'], teams: ['soc'] }, context);
    expect(token.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await directory.authenticate('bootstrap-admin-token')).toMatchObject({ id: 'principal-admin', source: 'configured' });
    expect(await directory.authenticate(token.token)).toEqual({
      id: principal.id,
      name: 'alice',
      roles: ['handler'],
      teams: ['soc'],
      source: 'ledger',
      tokenId: token.tokenId,
    });
    expect(await directory.check('not-a-token')).toEqual({ ok: false, reason: 'unknown' });
    expect(await directory.check(tokenSha256(token.token))).toEqual({ ok: false, reason: 'unknown' });
  });

  it('stores only the SHA-256 of a token, in sealed events naming the admin, on a chain that verifies', async () => {
    const { admin } = await open();
    const { principal, token } = await admin.register({ name: 'alice', roles: ['handler'] }, context);
    await admin.changeRoles(principal.id, ['manager'], { actor: { id: 'p-9', name: 'root2' }, correlationId: 'req-2' });
    const events = await store.readStream(PRINCIPALS_STREAM);
    expect(events.map((event) => event.type)).toEqual(['PrincipalRegistered', 'TokenIssued', 'PrincipalRolesChanged']);
    expect(JSON.stringify(events, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(token.token);
    expect(events[1]!.data.tokenSha256).toBe(tokenSha256(token.token));
    expect(events.map((event) => event.metadata.actor)).toEqual([root, root, { id: 'p-9', name: 'root2' }]);
    expect(events[2]!.data).toEqual({ principalId: principal.id, roles: ['manager'], previousRoles: ['handler'] });
    expect(verifyStreamChain(PRINCIPALS_STREAM, events)).toMatchObject({ ok: true, events: 3 });
  });

  it('refuses expired, revoked and disabled tokens, each with its reason', async () => {
    const { directory, admin, time } = await open();
    const { principal, token } = await admin.register({ name: 'alice', roles: ['handler'], expiresInDays: 1 }, context);
    const spare = await admin.issueToken(principal.id, undefined, context);
    expect(spare.expiresAt).toBeNull();

    time.state.now = new Date('2026-11-24T10:00:00Z');
    expect(await directory.check(token.token)).toEqual({ ok: false, reason: 'expired' });
    expect((await directory.check(spare.token)).ok).toBe(true);

    await admin.setDisabled(principal.id, true, 'on leave', context);
    expect(await directory.check(spare.token)).toEqual({ ok: false, reason: 'disabled' });
    await admin.setDisabled(principal.id, false, undefined, context);
    expect((await directory.check(spare.token)).ok).toBe(true);

    await admin.revokeToken(principal.id, spare.tokenId, 'rotated', context);
    expect(await directory.check(spare.token)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('rebuilds everything from the stream on restart', async () => {
    const first = await open();
    const { principal, token } = await first.admin.register({ name: 'alice', roles: ['handler'] }, context);
    await first.admin.changeTeams(principal.id, ['blue'], context);
    const revoked = await first.admin.issueToken(principal.id, undefined, context);
    await first.admin.revokeToken(principal.id, revoked.tokenId, undefined, context);

    const second = await open();
    expect(await second.directory.authenticate(token.token)).toMatchObject({ id: principal.id, teams: ['blue'] });
    expect(await second.directory.authenticate(revoked.token)).toBeUndefined();
    expect((await second.admin.get(principal.id))!.tokens.map((t) => t.revoked)).toEqual([false, true]);
  });

  it("picks up another process's changes on the first request after the refresh interval", async () => {
    const here = await open();
    const elsewhere = await open();
    const { principal, token } = await elsewhere.admin.register({ name: 'alice', roles: ['handler'] }, context);

    // Within the interval, this process still answers from memory.
    expect(await here.directory.authenticate(token.token)).toBeUndefined();
    here.time.state.ms += 1000;
    expect(await here.directory.authenticate(token.token)).toMatchObject({ id: principal.id });

    await elsewhere.admin.setDisabled(principal.id, true, undefined, context);
    here.time.state.ms += 1000;
    expect(await here.directory.authenticate(token.token)).toBeUndefined();
  });

  it('lets only one of two processes register the same name at once', async () => {
    const a = await open();
    const b = await open();
    const results = await Promise.allSettled([
      a.admin.register({ name: 'alice', roles: ['handler'] }, context),
      b.admin.register({ name: 'Alice', roles: ['manager'] }, context),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toMatchObject({ reason: 'NameTaken' });
    const events = await store.readStream(PRINCIPALS_STREAM);
    expect(events.filter((event) => event.type === 'PrincipalRegistered')).toHaveLength(1);
  });

  it('refuses to start, and stops authenticating, when the stream has been tampered with', async () => {
    const { directory, admin, time } = await open();
    const { token } = await admin.register({ name: 'alice', roles: ['handler'] }, context);
    const [registered] = await store.readStream(PRINCIPALS_STREAM);
    // Someone writes straight to the store: roles escalated, an envelope copied from a real event.
    await store.append(
      PRINCIPALS_STREAM,
      [
        {
          eventId: randomUUID(),
          type: 'PrincipalRolesChanged',
          data: { principalId: String(registered!.data.principalId), roles: ['admin'], previousRoles: ['handler'] },
          metadata: registered!.metadata,
        },
      ],
      1n,
    );
    await expect(open()).rejects.toBeInstanceOf(PrincipalStreamTamperedError);
    time.state.ms += 1000;
    await expect(directory.authenticate(token.token)).rejects.toBeInstanceOf(PrincipalStreamTamperedError);
    await expect(directory.authenticate('bootstrap-admin-token')).rejects.toBeInstanceOf(PrincipalStreamTamperedError);
  });

  it('refuses configured principals whose names clash with each other or with the ledger', async () => {
    const { admin } = await open();
    await admin.register({ name: 'alice', roles: ['handler'] }, context);
    const clash = { id: 'principal-alice', name: 'Alice', roles: ['handler'], teams: [], tokenSha256: tokenSha256('x') };
    await expect(PrincipalDirectory.open(new PrincipalLedger(store), [...configured, clash])).rejects.toThrow(/clashes/);
    await expect(PrincipalDirectory.open(new PrincipalLedger(store), [...configured, configured[0]!])).rejects.toThrow(/Duplicate/);
  });
});
