import { decidePrincipal, type DecideContext } from './decide-principal';
import type { PrincipalCommand, RegisterPrincipal } from './principal-commands';
import { PrincipalCommandRefusedError } from './principal-commands';
import type { PrincipalEvent, RecordedPrincipalEvent } from './principal-events';
import { PrincipalRegistry } from './principal-registry';

const admin = { id: 'principal-admin', name: 'admin' };
const digest = (n: number): string => n.toString(16).padStart(64, '0');
const context: DecideContext = {
  configuredIds: new Set(['principal-admin']),
  configuredNames: new Set(['admin']),
  knownRoles: new Set(['reporter', 'handler', 'manager', 'admin']),
};

const register = (overrides: Partial<RegisterPrincipal> = {}): RegisterPrincipal => ({
  type: 'RegisterPrincipal',
  principalId: 'p-alice',
  name: 'alice',
  roles: ['handler'],
  teams: ['soc-tier2'],
  token: { tokenId: 't-1', tokenSha256: digest(1), expiresAt: null },
  ...overrides,
});

/** Decides and applies, as the ledger would. */
const given = (...commands: PrincipalCommand[]): PrincipalRegistry => {
  const registry = new PrincipalRegistry();
  let revision = 0n;
  for (const command of commands) {
    for (const event of decidePrincipal(registry, command, context)) {
      registry.apply(recorded(event, revision++));
    }
  }
  return registry;
};

const recorded = (event: PrincipalEvent, revision: bigint): RecordedPrincipalEvent =>
  ({ ...event, eventId: `e-${revision}`, revision, actor: admin, occurredAt: 'now', recordedAt: 'now', prevHash: '', hash: '' }) as RecordedPrincipalEvent;

const refusal = (registry: PrincipalRegistry, command: PrincipalCommand): PrincipalCommandRefusedError => {
  try {
    decidePrincipal(registry, command, context);
  } catch (error) {
    if (error instanceof PrincipalCommandRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('decidePrincipal', () => {
  it('registers a principal together with its first token, recording only the digest', () => {
    expect(decidePrincipal(new PrincipalRegistry(), register({ roles: ['handler', 'handler'] }), context)).toEqual([
      { type: 'PrincipalRegistered', data: { principalId: 'p-alice', name: 'alice', roles: ['handler'], teams: ['soc-tier2'] } },
      { type: 'TokenIssued', data: { principalId: 'p-alice', tokenId: 't-1', tokenSha256: digest(1), expiresAt: null } },
    ]);
  });

  it.each([
    ['a name already in the ledger', 'alice'],
    ['the same name in another case', 'ALICE'],
    ["a configured principal's name", 'admin'],
  ])('refuses %s with NameTaken', (_label, name) => {
    const error = refusal(given(register()), register({ principalId: 'p-2', name }));
    expect(error).toMatchObject({ reason: 'NameTaken', field: 'name' });
  });

  it.each<[string, Partial<RegisterPrincipal>, string]>([
    ['no roles', { roles: [] }, 'roles'],
    ['an unknown role', { roles: ['superuser'] }, 'roles'],
    ['a name with spaces', { name: 'alice smith' }, 'name'],
    ['a team that is not a handle', { teams: ['red team'] }, 'teams'],
    ['a digest that is not SHA-256 hex', { token: { tokenId: 't', tokenSha256: 'abc', expiresAt: null } }, 'tokenSha256'],
  ])('refuses %s as InvalidInput naming the field', (_label, overrides, field) => {
    expect(refusal(new PrincipalRegistry(), register(overrides))).toMatchObject({ reason: 'InvalidInput', field });
  });

  it('records role changes with the previous roles, and nothing when the set is the same', () => {
    const registry = given(register());
    expect(decidePrincipal(registry, { type: 'ChangePrincipalRoles', principalId: 'p-alice', roles: ['manager', 'handler'] }, context)).toEqual([
      { type: 'PrincipalRolesChanged', data: { principalId: 'p-alice', roles: ['manager', 'handler'], previousRoles: ['handler'] } },
    ]);
    expect(decidePrincipal(registry, { type: 'ChangePrincipalRoles', principalId: 'p-alice', roles: ['handler'] }, context)).toEqual([]);
  });

  it('records team changes with the previous teams', () => {
    expect(decidePrincipal(given(register()), { type: 'ChangePrincipalTeams', principalId: 'p-alice', teams: [] }, context)).toEqual([
      { type: 'PrincipalTeamsChanged', data: { principalId: 'p-alice', teams: [], previousTeams: ['soc-tier2'] } },
    ]);
  });

  it('disables and enables, each only when it changes something', () => {
    const registry = given(register(), { type: 'DisablePrincipal', principalId: 'p-alice', reason: 'left the team' });
    expect(registry.principal('p-alice')!.disabled).toBe(true);
    expect(decidePrincipal(registry, { type: 'DisablePrincipal', principalId: 'p-alice' }, context)).toEqual([]);
    expect(decidePrincipal(registry, { type: 'EnablePrincipal', principalId: 'p-alice' }, context)).toEqual([
      { type: 'PrincipalEnabled', data: { principalId: 'p-alice' } },
    ]);
  });

  it("revokes a principal's own token once; another principal's token is not found", () => {
    const registry = given(
      register(),
      register({ principalId: 'p-bob', name: 'bob', token: { tokenId: 't-2', tokenSha256: digest(2), expiresAt: null } }),
    );
    expect(refusal(registry, { type: 'RevokeToken', principalId: 'p-alice', tokenId: 't-2' }).reason).toBe('TokenNotFound');
    const revoked = given(
      register(),
      { type: 'RevokeToken', principalId: 'p-alice', tokenId: 't-1' },
    );
    expect(revoked.token('t-1')!.revokedAt).toBeDefined();
    expect(decidePrincipal(revoked, { type: 'RevokeToken', principalId: 'p-alice', tokenId: 't-1' }, context)).toEqual([]);
  });

  it('refuses unknown principals, and configured ones as not managed by events', () => {
    expect(refusal(new PrincipalRegistry(), { type: 'DisablePrincipal', principalId: 'p-nobody' }).reason).toBe('PrincipalNotFound');
    expect(refusal(new PrincipalRegistry(), { type: 'ChangePrincipalRoles', principalId: 'principal-admin', roles: ['reporter'] }).reason).toBe(
      'ConfiguredPrincipal',
    );
  });

  it('keeps role history and never a digest in what the registry shows', () => {
    const registry = given(register(), { type: 'ChangePrincipalRoles', principalId: 'p-alice', roles: ['manager'] });
    const history = registry.principal('p-alice')!.history;
    expect(history.map((entry) => entry.type)).toEqual(['PrincipalRegistered', 'TokenIssued', 'PrincipalRolesChanged']);
    expect(JSON.stringify(history, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))).not.toContain(digest(1));
  });
});
