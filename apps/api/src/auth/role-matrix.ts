import { PERMISSIONS, type Permission } from './permissions';

/** The roles a principal can hold; they combine (a principal's grants are the union of its roles'). */
export const ROLES = ['reporter', 'analyst', 'handler', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How far a grant reaches:
 * - 'any': every incident (and routes about no single incident, such as lists and exports);
 * - 'reported': only incidents the principal reported (reporter === principal.name);
 * - 'assigned': only incidents assigned to the principal (assignee === name) or to one of its teams.
 * Scoped grants apply only to routes about one incident (`/incidents/:id…`); anywhere else they grant nothing.
 */
export type Scope = 'any' | 'reported' | 'assigned';
export const SCOPES: readonly Scope[] = ['any', 'reported', 'assigned'];

/**
 * THE role × permission matrix: what each role may do, and where. PermissionGuard enforces it; the
 * role × route test and docs/security.md are generated from it. A permission not listed is not granted.
 */
export const ROLE_MATRIX: Readonly<Record<Role, Readonly<Partial<Record<Permission, Scope>>>>> = {
  reporter: {
    'incident:log': 'any',
    'incident:note': 'reported',
    'incident:read': 'reported',
  },
  analyst: {
    'incident:triage': 'any',
    'incident:note': 'any',
    'incident:read': 'any',
  },
  handler: {
    'incident:respond': 'assigned',
    'incident:note': 'assigned',
    'evidence:register': 'assigned',
    'evidence:transfer': 'assigned',
    'incident:read': 'any',
  },
  manager: {
    'incident:assign': 'any',
    'incident:close': 'any',
    'incident:reopen': 'any',
    'incident:review': 'any',
    'incident:respond': 'any',
    'incident:note': 'any',
    'evidence:register': 'any',
    'evidence:transfer': 'any',
    'incident:read': 'any',
    'evidence:read': 'any',
    'evidence:dispose': 'any',
  },
  auditor: {
    'incident:read': 'any',
    'evidence:read': 'any',
    'audit:replay': 'any',
    'audit:verify': 'any',
    'audit:export': 'any',
    'audit:access-records': 'any',
  },
  admin: {
    'principal:manage': 'any',
    'readmodel:rebuild': 'any',
  },
};

/** Granted to every authenticated principal, whatever its roles (e.g. GET /principals/me). */
export const EVERY_PRINCIPAL: Readonly<Partial<Record<Permission, Scope>>> = { 'principal:self': 'any' };

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/**
 * The scopes in which `roles` grant `permission`: ['any'] when some role grants it everywhere, the
 * scoped grants otherwise, [] when none does. Unknown roles grant nothing.
 */
export const scopesOf = (roles: readonly string[], permission: Permission): Scope[] => {
  const scopes = new Set<Scope>();
  const baseline = EVERY_PRINCIPAL[permission];
  if (baseline) scopes.add(baseline);
  for (const role of roles) {
    const scope = isRole(role) ? ROLE_MATRIX[role][permission] : undefined;
    if (scope) scopes.add(scope);
  }
  return scopes.has('any') ? ['any'] : SCOPES.filter((scope) => scopes.has(scope));
};

/** What the scope checks need to know about an incident. */
export type IncidentParties = Readonly<{ reporter?: string; assignee?: string; team?: string }>;
export type ScopedPrincipal = Readonly<{ name: string; teams: readonly string[] }>;

/** Whether a scoped grant covers this incident. */
export const inScope = (scope: Scope, principal: ScopedPrincipal, incident: IncidentParties): boolean => {
  switch (scope) {
    case 'any':
      return true;
    case 'reported':
      return incident.reporter !== undefined && incident.reporter === principal.name;
    case 'assigned':
      return (
        (incident.assignee !== undefined && incident.assignee === principal.name) ||
        (incident.team !== undefined && principal.teams.includes(incident.team))
      );
  }
};

/** Everything `roles` grant, with the widest scope of each (for GET /principals/me). */
export const grantsOf = (roles: readonly string[]): Array<{ permission: Permission; scopes: Scope[] }> =>
  PERMISSIONS.map((permission) => ({ permission, scopes: scopesOf(roles, permission) })).filter(
    (grant) => grant.scopes.length > 0,
  );
