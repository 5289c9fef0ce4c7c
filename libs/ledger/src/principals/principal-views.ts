import type { Actor } from '@ledger/domain';
import type { ConfiguredPrincipal } from './principal-directory';
import type { PrincipalHistoryEntry, PrincipalRecord, TokenRecord } from './principal-registry';

/** A principal as listed: never a token or a digest. */
export type PrincipalSummary = Readonly<{
  id: string;
  name: string;
  roles: readonly string[];
  teams: readonly string[];
  disabled: boolean;
  /** 'configured': the bootstrap admin or LEDGER_PRINCIPALS_FILE (read-only); 'ledger': managed by events. */
  source: 'configured' | 'ledger';
  registeredAt?: string;
  registeredBy?: Actor;
}>;

export type TokenView = Readonly<{
  tokenId: string;
  issuedAt: string;
  issuedBy: Actor;
  expiresAt: string | null;
  expired: boolean;
  revoked: boolean;
  revokedAt?: string;
  revokedBy?: Actor;
}>;

/** One role change, from the events. */
export type RoleChange = Readonly<{
  roles: readonly string[];
  previousRoles: readonly string[];
  changedAt: string;
  changedBy: Actor;
}>;

export type HistoryView = Readonly<{
  revision: string;
  type: string;
  recordedAt: string;
  actor: Actor;
  data: Readonly<Record<string, unknown>>;
}>;

export type PrincipalDetails = PrincipalSummary &
  Readonly<{ tokens: readonly TokenView[]; roleHistory: readonly RoleChange[]; history: readonly HistoryView[] }>;

export const summaryOfConfigured = (principal: ConfiguredPrincipal): PrincipalSummary => ({
  id: principal.id,
  name: principal.name,
  roles: principal.roles,
  teams: principal.teams,
  disabled: false,
  source: 'configured',
});

export const summaryOf = (record: PrincipalRecord): PrincipalSummary => ({
  id: record.id,
  name: record.name,
  roles: record.roles,
  teams: record.teams,
  disabled: record.disabled,
  source: 'ledger',
  registeredAt: record.registeredAt,
  registeredBy: record.registeredBy,
});

export const tokenView = (token: TokenRecord, now: Date): TokenView => ({
  tokenId: token.tokenId,
  issuedAt: token.issuedAt,
  issuedBy: token.issuedBy,
  expiresAt: token.expiresAt,
  expired: token.expiresAt !== null && Date.parse(token.expiresAt) <= now.getTime(),
  revoked: token.revokedAt !== undefined,
  ...(token.revokedAt !== undefined && { revokedAt: token.revokedAt, revokedBy: token.revokedBy }),
});

/** Role changes, the registration counting as the first (from no roles). */
const roleHistoryOf = (history: readonly PrincipalHistoryEntry[]): RoleChange[] =>
  history.flatMap((entry): RoleChange[] => {
    if (entry.type === 'PrincipalRegistered') {
      return [{ roles: entry.data.roles as string[], previousRoles: [], changedAt: entry.recordedAt, changedBy: entry.actor }];
    }
    if (entry.type === 'PrincipalRolesChanged') {
      return [
        {
          roles: entry.data.roles as string[],
          previousRoles: entry.data.previousRoles as string[],
          changedAt: entry.recordedAt,
          changedBy: entry.actor,
        },
      ];
    }
    return [];
  });

export const detailsOf = (record: PrincipalRecord, tokens: readonly TokenRecord[], now: Date): PrincipalDetails => ({
  ...summaryOf(record),
  tokens: tokens.map((token) => tokenView(token, now)),
  roleHistory: roleHistoryOf(record.history),
  history: record.history.map((entry) => ({ ...entry, revision: entry.revision.toString() })),
});

export const detailsOfConfigured = (principal: ConfiguredPrincipal): PrincipalDetails => ({
  ...summaryOfConfigured(principal),
  tokens: [],
  roleHistory: [],
  history: [],
});
