import { randomUUID } from 'node:crypto';
import { type PrincipalCommand, PrincipalCommandRefusedError } from './principal-commands';
import type { PrincipalDirectory } from './principal-directory';
import type { PrincipalCommandContext } from './principal-ledger';
import { generateToken } from './principal-tokens';
import {
  detailsOf,
  detailsOfConfigured,
  type PrincipalDetails,
  type PrincipalSummary,
  summaryOf,
  summaryOfConfigured,
  type TokenView,
  tokenView,
} from './principal-views';

const DAY_MS = 86_400_000;
export const MAX_TOKEN_DAYS = 3650;

/** A token as handed out: the only time the token itself is ever visible. */
export type IssuedToken = Readonly<{ principalId: string; tokenId: string; token: string; expiresAt: string | null }>;

export type RegisterPrincipalInput = Readonly<{
  name: string;
  roles: readonly string[];
  teams?: readonly string[];
  /** Days until the first token expires; without it the token does not expire. */
  expiresInDays?: number;
}>;

export type PrincipalAdministrationOptions = Readonly<{
  /** Roles the ledger knows; others are refused. */
  knownRoles?: ReadonlySet<string>;
  newPrincipalId?: () => string;
}>;

/** The admin use cases over the principals stream: each one an event (or none when nothing changes). */
export class PrincipalAdministration {
  constructor(
    private readonly directory: PrincipalDirectory,
    private readonly options: PrincipalAdministrationOptions = {},
  ) {}

  async register(
    input: RegisterPrincipalInput,
    context: PrincipalCommandContext,
  ): Promise<{ principal: PrincipalDetails; token: IssuedToken }> {
    const principalId = (this.options.newPrincipalId ?? (() => `principal-${randomUUID()}`))();
    const fresh = generateToken();
    const expiresAt = this.expiry(input.expiresInDays);
    await this.run(
      {
        type: 'RegisterPrincipal',
        principalId,
        name: input.name,
        roles: input.roles,
        teams: input.teams ?? [],
        token: { tokenId: fresh.tokenId, tokenSha256: fresh.tokenSha256, expiresAt },
      },
      context,
    );
    const token = { principalId, tokenId: fresh.tokenId, token: fresh.token, expiresAt };
    return { principal: this.detailsOrFail(principalId), token };
  }

  async changeRoles(principalId: string, roles: readonly string[], context: PrincipalCommandContext): Promise<PrincipalDetails> {
    await this.run({ type: 'ChangePrincipalRoles', principalId, roles }, context);
    return this.detailsOrFail(principalId);
  }

  async changeTeams(principalId: string, teams: readonly string[], context: PrincipalCommandContext): Promise<PrincipalDetails> {
    await this.run({ type: 'ChangePrincipalTeams', principalId, teams }, context);
    return this.detailsOrFail(principalId);
  }

  async setDisabled(
    principalId: string,
    disabled: boolean,
    reason: string | undefined,
    context: PrincipalCommandContext,
  ): Promise<PrincipalDetails> {
    const type = disabled ? 'DisablePrincipal' : 'EnablePrincipal';
    await this.run({ type, principalId, ...(reason ? { reason } : {}) }, context);
    return this.detailsOrFail(principalId);
  }

  async issueToken(
    principalId: string,
    expiresInDays: number | undefined,
    context: PrincipalCommandContext,
  ): Promise<IssuedToken> {
    const fresh = generateToken();
    const expiresAt = this.expiry(expiresInDays);
    const { tokenId, tokenSha256 } = fresh;
    await this.run({ type: 'IssueToken', principalId, tokenId, tokenSha256, expiresAt }, context);
    return { principalId, tokenId: fresh.tokenId, token: fresh.token, expiresAt };
  }

  async revokeToken(
    principalId: string,
    tokenId: string,
    reason: string | undefined,
    context: PrincipalCommandContext,
  ): Promise<TokenView> {
    await this.run({ type: 'RevokeToken', principalId, tokenId, ...(reason ? { reason } : {}) }, context);
    return tokenView(this.directory.ledger.registry.token(tokenId)!, this.directory.now());
  }

  /** Every principal, configured ones first; reads what other processes appended first. */
  async list(): Promise<PrincipalSummary[]> {
    await this.directory.refresh();
    const ledger = this.directory.ledger.registry.all().map(summaryOf);
    return [...this.directory.configured.map(summaryOfConfigured), ...ledger];
  }

  async get(principalId: string): Promise<PrincipalDetails | undefined> {
    await this.directory.refresh();
    const configured = this.directory.configured.find((principal) => principal.id === principalId);
    if (configured) return detailsOfConfigured(configured);
    return this.details(principalId);
  }

  private run(command: PrincipalCommand, context: PrincipalCommandContext): Promise<unknown> {
    return this.directory.ledger.execute(
      command,
      { ...this.directory.decideContext, ...(this.options.knownRoles && { knownRoles: this.options.knownRoles }) },
      context,
    );
  }

  private details(principalId: string): PrincipalDetails | undefined {
    const registry = this.directory.ledger.registry;
    const record = registry.principal(principalId);
    return record && detailsOf(record, registry.tokensOf(principalId), this.directory.now());
  }

  private detailsOrFail(principalId: string): PrincipalDetails {
    const details = this.details(principalId);
    if (!details) throw new PrincipalCommandRefusedError('PrincipalNotFound', `Principal ${principalId} not found`);
    return details;
  }

  private expiry(days: number | undefined): string | null {
    if (days === undefined) return null;
    if (!Number.isInteger(days) || days < 1 || days > MAX_TOKEN_DAYS) {
      const message = `expiresInDays must be an integer from 1 to ${MAX_TOKEN_DAYS}`;
      throw new PrincipalCommandRefusedError('InvalidInput', message, 'expiresInDays');
    }
    return new Date(this.directory.now().getTime() + days * DAY_MS).toISOString();
  }
}
