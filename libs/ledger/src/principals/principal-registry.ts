import type { Actor } from '@ledger/domain';
import { GENESIS_HASH } from '../envelope';
import type { PrincipalEvent, RecordedPrincipalEvent } from './principal-events';

/** A token as the ledger knows it: never the token itself, only its digest. */
export type TokenRecord = Readonly<{
  tokenId: string;
  principalId: string;
  tokenSha256: string;
  issuedAt: string;
  issuedBy: Actor;
  /** ISO 8601; null when the token never expires. */
  expiresAt: string | null;
  revokedAt?: string;
  revokedBy?: Actor;
}>;

/** One event of a principal's history, as shown to admins (token digests left out). */
export type PrincipalHistoryEntry = Readonly<{
  revision: bigint;
  type: PrincipalEvent['type'];
  recordedAt: string;
  actor: Actor;
  data: Readonly<Record<string, unknown>>;
}>;

export type PrincipalRecord = Readonly<{
  id: string;
  /** Unique handle (case-insensitively); assignees and reporters refer to principals by it. */
  name: string;
  roles: readonly string[];
  teams: readonly string[];
  disabled: boolean;
  registeredAt: string;
  registeredBy: Actor;
  tokenIds: readonly string[];
  history: readonly PrincipalHistoryEntry[];
}>;

/** Names are unique regardless of case, so 'Alice' cannot pose as 'alice'. */
export const nameKey = (name: string): string => name.toLowerCase();

const historyEntry = (event: RecordedPrincipalEvent): PrincipalHistoryEntry => {
  const { tokenSha256: _digest, ...data } = event.data as Record<string, unknown>;
  return { revision: event.revision, type: event.type, recordedAt: event.recordedAt, actor: event.actor, data };
};

/**
 * The principals folded from the `ledger-principals` stream, in stream order. Mutable on purpose: it is
 * the in-memory directory every request consults, advanced one event at a time by PrincipalLedger.
 */
export class PrincipalRegistry {
  private lastRevision: bigint | undefined = undefined;
  private lastHash = GENESIS_HASH;
  private readonly principals = new Map<string, PrincipalRecord>();
  private readonly names = new Map<string, string>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly digests = new Map<string, string>();

  /** Revision of the last event applied; undefined while the stream is empty. */
  get revision(): bigint | undefined {
    return this.lastRevision;
  }

  /** Hash of the last event applied, which the next one must chain to. */
  get headHash(): string {
    return this.lastHash;
  }

  principal(id: string): PrincipalRecord | undefined {
    return this.principals.get(id);
  }

  principalNamed(name: string): PrincipalRecord | undefined {
    const id = this.names.get(nameKey(name));
    return id === undefined ? undefined : this.principals.get(id);
  }

  all(): PrincipalRecord[] {
    return [...this.principals.values()];
  }

  token(tokenId: string): TokenRecord | undefined {
    return this.tokens.get(tokenId);
  }

  /** The token whose digest this is, if any (the caller still compares in constant time). */
  tokenWithDigest(tokenSha256: string): TokenRecord | undefined {
    const tokenId = this.digests.get(tokenSha256);
    return tokenId === undefined ? undefined : this.tokens.get(tokenId);
  }

  tokensOf(principalId: string): TokenRecord[] {
    return (this.principals.get(principalId)?.tokenIds ?? []).flatMap((id) => this.tokens.get(id) ?? []);
  }

  /** Applies the next event of the stream. Events about unknown principals change nothing but the head. */
  apply(event: RecordedPrincipalEvent): void {
    this.lastRevision = event.revision;
    this.lastHash = event.hash;
    if (event.type === 'PrincipalRegistered') {
      const { principalId, name, roles, teams } = event.data;
      this.principals.set(principalId, {
        id: principalId,
        name,
        roles: [...roles],
        teams: [...teams],
        disabled: false,
        registeredAt: event.recordedAt,
        registeredBy: event.actor,
        tokenIds: [],
        history: [historyEntry(event)],
      });
      this.names.set(nameKey(name), principalId);
      return;
    }
    const current = this.principals.get(event.data.principalId);
    if (!current) return;
    const history = [...current.history, historyEntry(event)];
    switch (event.type) {
      case 'PrincipalRolesChanged':
        this.principals.set(current.id, { ...current, roles: [...event.data.roles], history });
        return;
      case 'PrincipalTeamsChanged':
        this.principals.set(current.id, { ...current, teams: [...event.data.teams], history });
        return;
      case 'PrincipalDisabled':
        this.principals.set(current.id, { ...current, disabled: true, history });
        return;
      case 'PrincipalEnabled':
        this.principals.set(current.id, { ...current, disabled: false, history });
        return;
      case 'TokenIssued': {
        const { tokenId, tokenSha256, expiresAt } = event.data;
        this.tokens.set(tokenId, {
          tokenId,
          principalId: current.id,
          tokenSha256,
          issuedAt: event.recordedAt,
          issuedBy: event.actor,
          expiresAt,
        });
        this.digests.set(tokenSha256, tokenId);
        this.principals.set(current.id, { ...current, tokenIds: [...current.tokenIds, tokenId], history });
        return;
      }
      case 'TokenRevoked': {
        const token = this.tokens.get(event.data.tokenId);
        if (token && token.principalId === current.id) {
          this.tokens.set(token.tokenId, { ...token, revokedAt: event.recordedAt, revokedBy: event.actor });
        }
        this.principals.set(current.id, { ...current, history });
        return;
      }
    }
  }
}
