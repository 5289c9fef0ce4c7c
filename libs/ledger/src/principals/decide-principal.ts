import { type PrincipalCommand, PrincipalCommandRefusedError, type PrincipalRefusalReason } from './principal-commands';
import type { PrincipalEvent } from './principal-events';
import { nameKey, type PrincipalRecord, type PrincipalRegistry } from './principal-registry';
import { isSha256Hex } from './principal-tokens';

/** A principal handle or team name (the same rule as incident assignees and teams). */
export const PRINCIPAL_HANDLE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;
export const MAX_TEAMS = 32;

/** What the decider needs besides the registry. */
export type DecideContext = Readonly<{
  /** Principals from configuration: their ids and names are taken, and they cannot be changed by events. */
  configuredIds: ReadonlySet<string>;
  configuredNames: ReadonlySet<string>;
  /** When given, roles outside this set are refused. */
  knownRoles?: ReadonlySet<string>;
}>;

const refuse = (reason: PrincipalRefusalReason, message: string, field?: string): never => {
  throw new PrincipalCommandRefusedError(reason, message, field);
};

const unique = (values: readonly string[]): string[] => [...new Set(values)];
const sameSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && a.every((value) => b.includes(value));

const checkRoles = (roles: readonly string[], context: DecideContext): string[] => {
  if (!Array.isArray(roles) || roles.length === 0) refuse('InvalidInput', 'A principal needs at least one role', 'roles');
  for (const role of roles) {
    if (typeof role !== 'string' || role === '') refuse('InvalidInput', 'Roles must be non-empty strings', 'roles');
    if (context.knownRoles && !context.knownRoles.has(role)) refuse('InvalidInput', `Unknown role '${role}'`, 'roles');
  }
  return unique(roles);
};

const checkTeams = (teams: readonly string[]): string[] => {
  if (!Array.isArray(teams) || teams.length > MAX_TEAMS) refuse('InvalidInput', `At most ${MAX_TEAMS} teams`, 'teams');
  for (const team of teams) {
    if (typeof team !== 'string' || !PRINCIPAL_HANDLE.test(team)) {
      refuse('InvalidInput', `Invalid team '${String(team)}'`, 'teams');
    }
  }
  return unique(teams);
};

const checkExpiry = (expiresAt: string | null): string | null => {
  if (expiresAt !== null && Number.isNaN(Date.parse(expiresAt))) {
    refuse('InvalidInput', 'expiresAt must be an ISO 8601 instant', 'expiresAt');
  }
  return expiresAt;
};

const checkDigest = (digest: string): string =>
  isSha256Hex(digest) ? digest : refuse('InvalidInput', 'tokenSha256 must be 64 lowercase hex characters', 'tokenSha256');

const existing = (registry: PrincipalRegistry, principalId: string, context: DecideContext): PrincipalRecord => {
  if (context.configuredIds.has(principalId)) {
    refuse('ConfiguredPrincipal', `Principal ${principalId} comes from configuration and cannot be changed through the API`);
  }
  return registry.principal(principalId) ?? refuse('PrincipalNotFound', `Principal ${principalId} not found`);
};

const withReason = (reason: string | undefined): { reason?: string } => (reason ? { reason } : {});

/**
 * Decides which events a principal command records, or refuses it. Pure: the registry is the state.
 * A command that would change nothing (same roles, already disabled, already revoked) records nothing,
 * so retries are harmless.
 */
export const decidePrincipal = (
  registry: PrincipalRegistry,
  command: PrincipalCommand,
  context: DecideContext,
): PrincipalEvent[] => {
  switch (command.type) {
    case 'RegisterPrincipal': {
      if (typeof command.name !== 'string' || !PRINCIPAL_HANDLE.test(command.name)) {
        refuse('InvalidInput', 'name must be a handle: letters, digits, . _ @ -; at most 64', 'name');
      }
      if (context.configuredNames.has(nameKey(command.name)) || registry.principalNamed(command.name)) {
        refuse('NameTaken', `The name '${command.name}' is taken`, 'name');
      }
      if (context.configuredIds.has(command.principalId) || registry.principal(command.principalId)) {
        refuse('InvalidInput', `Principal id ${command.principalId} is taken`, 'principalId');
      }
      const { principalId, name } = command;
      return [
        {
          type: 'PrincipalRegistered',
          data: { principalId, name, roles: checkRoles(command.roles, context), teams: checkTeams(command.teams) },
        },
        {
          type: 'TokenIssued',
          data: {
            principalId,
            tokenId: command.token.tokenId,
            tokenSha256: checkDigest(command.token.tokenSha256),
            expiresAt: checkExpiry(command.token.expiresAt),
          },
        },
      ];
    }
    case 'ChangePrincipalRoles': {
      const principal = existing(registry, command.principalId, context);
      const roles = checkRoles(command.roles, context);
      if (sameSet(roles, principal.roles)) return [];
      return [{ type: 'PrincipalRolesChanged', data: { principalId: principal.id, roles, previousRoles: [...principal.roles] } }];
    }
    case 'ChangePrincipalTeams': {
      const principal = existing(registry, command.principalId, context);
      const teams = checkTeams(command.teams);
      if (sameSet(teams, principal.teams)) return [];
      return [{ type: 'PrincipalTeamsChanged', data: { principalId: principal.id, teams, previousTeams: [...principal.teams] } }];
    }
    case 'DisablePrincipal': {
      const principal = existing(registry, command.principalId, context);
      if (principal.disabled) return [];
      return [{ type: 'PrincipalDisabled', data: { principalId: principal.id, ...withReason(command.reason) } }];
    }
    case 'EnablePrincipal': {
      const principal = existing(registry, command.principalId, context);
      if (!principal.disabled) return [];
      return [{ type: 'PrincipalEnabled', data: { principalId: principal.id, ...withReason(command.reason) } }];
    }
    case 'IssueToken': {
      const principal = existing(registry, command.principalId, context);
      if (registry.token(command.tokenId)) refuse('InvalidInput', `Token id ${command.tokenId} is taken`, 'tokenId');
      return [
        {
          type: 'TokenIssued',
          data: {
            principalId: principal.id,
            tokenId: command.tokenId,
            tokenSha256: checkDigest(command.tokenSha256),
            expiresAt: checkExpiry(command.expiresAt),
          },
        },
      ];
    }
    case 'RevokeToken': {
      const principal = existing(registry, command.principalId, context);
      const token = registry.token(command.tokenId);
      if (!token || token.principalId !== principal.id) {
        refuse('TokenNotFound', `Principal ${principal.id} has no token ${command.tokenId}`);
      }
      if (token!.revokedAt !== undefined) return [];
      return [{ type: 'TokenRevoked', data: { principalId: principal.id, tokenId: command.tokenId, ...withReason(command.reason) } }];
    }
  }
};
