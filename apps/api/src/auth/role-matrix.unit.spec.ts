import { PERMISSIONS } from './permissions';
import { grantsOf, inScope, ROLE_MATRIX, ROLES, scopesOf } from './role-matrix';

/**
 * The policy, written out by hand, so a change to ROLE_MATRIX is a deliberate change to this test too.
 * 'any' = everywhere, 'reported' = own incidents, 'assigned' = assigned to them or their team.
 */
const POLICY: Record<string, Record<string, string>> = {
  reporter: { 'incident:log': 'any', 'incident:note': 'reported', 'incident:read': 'reported' },
  analyst: { 'incident:triage': 'any', 'incident:note': 'any', 'incident:read': 'any' },
  handler: {
    'incident:respond': 'assigned',
    'incident:note': 'assigned',
    'evidence:register': 'assigned',
    'evidence:transfer': 'assigned',
    'incident:read': 'any',
  },
  manager: Object.fromEntries(
    [
      'incident:assign',
      'incident:close',
      'incident:reopen',
      'incident:review',
      'incident:respond',
      'incident:note',
      'evidence:register',
      'evidence:transfer',
      'incident:read',
      'evidence:read',
      'evidence:dispose',
    ].map((p) => [p, 'any']),
  ),
  auditor: Object.fromEntries(
    ['incident:read', 'evidence:read', 'audit:replay', 'audit:verify', 'audit:export', 'audit:access-records'].map((p) => [p, 'any']),
  ),
  admin: { 'principal:manage': 'any', 'readmodel:rebuild': 'any' },
};

const WRITES = PERMISSIONS.filter((p) => !p.endsWith(':read') && !p.startsWith('audit:') && p !== 'principal:self');

describe('ROLE_MATRIX', () => {
  it('is exactly the documented policy', () => {
    expect(ROLE_MATRIX).toEqual(POLICY);
  });

  it('grants only known permissions, and every permission to some role', () => {
    for (const role of ROLES) for (const permission of Object.keys(ROLE_MATRIX[role])) expect(PERMISSIONS).toContain(permission);
    const granted = new Set(ROLES.flatMap((role) => Object.keys(ROLE_MATRIX[role])));
    expect(PERMISSIONS.filter((p) => p !== 'principal:self' && !granted.has(p))).toEqual([]);
  });

  it('gives auditors no writes at all, and admins no incident or evidence writes', () => {
    expect(WRITES.filter((p) => scopesOf(['auditor'], p).length > 0)).toEqual([]);
    expect(PERMISSIONS.filter((p) => /^(incident|evidence):/.test(p) && scopesOf(['admin'], p).length > 0)).toEqual([]);
  });

  it('combines roles as a union, the widest scope winning', () => {
    expect(scopesOf(['reporter'], 'incident:note')).toEqual(['reported']);
    expect(scopesOf(['reporter', 'handler'], 'incident:note')).toEqual(['reported', 'assigned']);
    expect(scopesOf(['handler', 'analyst'], 'incident:note')).toEqual(['any']);
    expect(scopesOf(['admin'], 'incident:log')).toEqual([]);
    expect(scopesOf(['no-such-role'], 'incident:read')).toEqual([]);
  });

  it('grants principal:self to every principal, whatever its roles', () => {
    expect(scopesOf([], 'principal:self')).toEqual(['any']);
    expect(grantsOf([])).toEqual([{ permission: 'principal:self', scopes: ['any'] }]);
  });

  it('scopes reporters to incidents they reported and handlers to incidents assigned to them or their teams', () => {
    const rita = { name: 'rita', teams: [] };
    const hank = { name: 'hank', teams: ['blue'] };
    expect(inScope('reported', rita, { reporter: 'rita' })).toBe(true);
    expect(inScope('reported', rita, { reporter: 'bob', assignee: 'rita' })).toBe(false);
    expect(inScope('assigned', hank, { assignee: 'hank', team: 'red' })).toBe(true);
    expect(inScope('assigned', hank, { assignee: 'other', team: 'blue' })).toBe(true);
    expect(inScope('assigned', hank, { assignee: 'other', team: 'red', reporter: 'hank' })).toBe(false);
    expect(inScope('assigned', hank, {})).toBe(false);
  });
});
