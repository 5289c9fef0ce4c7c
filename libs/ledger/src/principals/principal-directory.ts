import type { DecideContext } from './decide-principal';
import { UnknownPrincipalEventError } from './principal-events';
import { type PrincipalLedger, PrincipalStreamTamperedError } from './principal-ledger';
import { nameKey } from './principal-registry';
import { isSha256Hex, sameDigest, tokenSha256 } from './principal-tokens';

/** A principal from configuration (the bootstrap admin, LEDGER_PRINCIPALS_FILE): read-only, one token. */
export type ConfiguredPrincipal = Readonly<{
  id: string;
  name: string;
  roles: readonly string[];
  teams: readonly string[];
  /** Hex SHA-256 of its bearer token. */
  tokenSha256: string;
}>;

/** Who a valid token belongs to. */
export type AuthenticatedPrincipal = Readonly<{
  id: string;
  name: string;
  roles: readonly string[];
  teams: readonly string[];
  source: 'configured' | 'ledger';
  /** The token used, for principals managed in the ledger. */
  tokenId?: string;
}>;

export type AuthenticationResult =
  | Readonly<{ ok: true; principal: AuthenticatedPrincipal }>
  | Readonly<{ ok: false; reason: 'unknown' | 'revoked' | 'expired' | 'disabled' }>;

export type PrincipalDirectoryOptions = Readonly<{
  /** Wall clock for token expiry. */
  clock?: () => Date;
  /** Re-read the stream's tail at most this often (ms), on the first request after it elapses. Default 1000. */
  refreshIntervalMs?: number;
  /** If re-reading fails, keep serving from memory for at most this long (ms), then fail closed. Default 30000. */
  maxStalenessMs?: number;
  /** Monotonic milliseconds, for the refresh interval. */
  monotonic?: () => number;
  /** Told about refresh failures that are tolerated (within maxStalenessMs). */
  onRefreshError?: (error: unknown) => void;
}>;

export class PrincipalConfigurationError extends Error {
  override readonly name = 'PrincipalConfigurationError';
}

/**
 * Authenticates bearer tokens against configured principals and those folded from `ledger-principals`.
 *
 * Staying current: this process applies its own appends at once (PrincipalLedger.execute); changes made by
 * other processes are picked up by re-reading the stream's tail (from the last revision applied) on the first
 * request after `refreshIntervalMs`. That bounds how long a token revoked elsewhere keeps working, costs one
 * indexed read a second under load and nothing when idle, and needs no subscription to every ledger event.
 */
export class PrincipalDirectory {
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private lastSuccess: number;
  private broken: unknown;
  private readonly configuredIds: ReadonlySet<string>;
  private readonly configuredNames: ReadonlySet<string>;

  private constructor(
    readonly ledger: PrincipalLedger,
    readonly configured: readonly ConfiguredPrincipal[],
    private readonly options: PrincipalDirectoryOptions,
  ) {
    this.configuredIds = new Set(configured.map((principal) => principal.id));
    this.configuredNames = new Set(configured.map((principal) => nameKey(principal.name)));
    this.lastSuccess = this.monotonic();
  }

  /**
   * Reads the whole principals stream, then serves from memory.
   * @throws PrincipalConfigurationError for duplicate configured ids or names, or names also in the ledger.
   * @throws PrincipalStreamTamperedError when the stream's hash chain does not hold.
   */
  static async open(
    ledger: PrincipalLedger,
    configured: readonly ConfiguredPrincipal[],
    options: PrincipalDirectoryOptions = {},
  ): Promise<PrincipalDirectory> {
    const ids = new Set<string>();
    const names = new Set<string>();
    for (const principal of configured) {
      if (!isSha256Hex(principal.tokenSha256)) {
        throw new PrincipalConfigurationError(`Principal '${principal.name}': tokenSha256 must be 64 lowercase hex characters`);
      }
      if (ids.has(principal.id)) throw new PrincipalConfigurationError(`Duplicate principal id '${principal.id}'`);
      if (names.has(nameKey(principal.name))) throw new PrincipalConfigurationError(`Duplicate principal name '${principal.name}'`);
      ids.add(principal.id);
      names.add(nameKey(principal.name));
    }
    await ledger.catchUp();
    for (const principal of configured) {
      const clash = ledger.registry.principalNamed(principal.name) ?? ledger.registry.principal(principal.id);
      if (clash) {
        throw new PrincipalConfigurationError(
          `Configured principal '${principal.name}' (${principal.id}) clashes with ledger principal '${clash.name}' (${clash.id})`,
        );
      }
    }
    const directory = new PrincipalDirectory(ledger, configured, options);
    directory.lastAttempt = directory.monotonic();
    return directory;
  }

  /** What the principals decider must respect: configured ids and names are reserved. */
  get decideContext(): Pick<DecideContext, 'configuredIds' | 'configuredNames'> {
    return { configuredIds: this.configuredIds, configuredNames: this.configuredNames };
  }

  /** The principal a token belongs to, if it is valid now. */
  async authenticate(token: string): Promise<AuthenticatedPrincipal | undefined> {
    const result = await this.check(token);
    return result.ok ? result.principal : undefined;
  }

  /** Like authenticate, with the reason for a refusal (for logs and tests; never tell the client which). */
  async check(token: string): Promise<AuthenticationResult> {
    await this.ensureFresh();
    const digest = tokenSha256(token);
    // Every configured digest is compared (no early exit), each in constant time.
    let configured: ConfiguredPrincipal | undefined;
    for (const principal of this.configured) {
      if (sameDigest(principal.tokenSha256, digest)) configured = principal;
    }
    if (configured) {
      const { id, name, roles, teams } = configured;
      return { ok: true, principal: { id, name, roles, teams, source: 'configured' } };
    }
    // The map lookup is keyed by the digest, not the token, so its timing says nothing usable about tokens;
    // the match is still confirmed in constant time.
    const registry = this.ledger.registry;
    const record = registry.tokenWithDigest(digest);
    if (!record || !sameDigest(record.tokenSha256, digest)) return { ok: false, reason: 'unknown' };
    const principal = registry.principal(record.principalId);
    if (!principal) return { ok: false, reason: 'unknown' };
    if (record.revokedAt !== undefined) return { ok: false, reason: 'revoked' };
    if (record.expiresAt !== null && Date.parse(record.expiresAt) <= this.now().getTime()) return { ok: false, reason: 'expired' };
    if (principal.disabled) return { ok: false, reason: 'disabled' };
    const { id, name, roles, teams } = principal;
    return { ok: true, principal: { id, name, roles, teams, source: 'ledger', tokenId: record.tokenId } };
  }

  /** Applies whatever other processes appended, now. */
  async refresh(): Promise<void> {
    this.lastAttempt = this.monotonic();
    try {
      await this.ledger.catchUp();
      this.lastSuccess = this.monotonic();
    } catch (error) {
      // A stream this code cannot fully trust or understand is never served from: it could hide a revocation.
      if (error instanceof PrincipalStreamTamperedError || error instanceof UnknownPrincipalEventError) this.broken = error;
      throw error;
    }
  }

  now(): Date {
    return (this.options.clock ?? (() => new Date()))();
  }

  private async ensureFresh(): Promise<void> {
    if (this.broken !== undefined) throw this.broken;
    if (this.monotonic() - this.lastAttempt < (this.options.refreshIntervalMs ?? 1000)) return;
    try {
      await this.refresh();
    } catch (error) {
      if (this.broken !== undefined) throw error;
      if (this.monotonic() - this.lastSuccess > (this.options.maxStalenessMs ?? 30_000)) throw error;
      this.options.onRefreshError?.(error);
    }
  }

  private monotonic(): number {
    return (this.options.monotonic ?? (() => performance.now()))();
  }
}
