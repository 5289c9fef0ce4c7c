/** What an admin can ask of the principals stream. Token digests are computed before deciding. */
export type RegisterPrincipal = Readonly<{
  type: 'RegisterPrincipal';
  principalId: string;
  name: string;
  roles: readonly string[];
  teams: readonly string[];
  token: Readonly<{ tokenId: string; tokenSha256: string; expiresAt: string | null }>;
}>;
export type ChangePrincipalRoles = Readonly<{ type: 'ChangePrincipalRoles'; principalId: string; roles: readonly string[] }>;
export type ChangePrincipalTeams = Readonly<{ type: 'ChangePrincipalTeams'; principalId: string; teams: readonly string[] }>;
export type DisablePrincipal = Readonly<{ type: 'DisablePrincipal'; principalId: string; reason?: string }>;
export type EnablePrincipal = Readonly<{ type: 'EnablePrincipal'; principalId: string; reason?: string }>;
export type IssueToken = Readonly<{
  type: 'IssueToken';
  principalId: string;
  tokenId: string;
  tokenSha256: string;
  expiresAt: string | null;
}>;
export type RevokeToken = Readonly<{ type: 'RevokeToken'; principalId: string; tokenId: string; reason?: string }>;

export type PrincipalCommand =
  | RegisterPrincipal
  | ChangePrincipalRoles
  | ChangePrincipalTeams
  | DisablePrincipal
  | EnablePrincipal
  | IssueToken
  | RevokeToken;

export type PrincipalRefusalReason =
  | 'NameTaken'
  | 'PrincipalNotFound'
  | 'TokenNotFound'
  /** Principals from configuration (the bootstrap admin, LEDGER_PRINCIPALS_FILE) are not managed by events. */
  | 'ConfiguredPrincipal'
  | 'InvalidInput';

/** The principals decider refused a command; nothing was written. */
export class PrincipalCommandRefusedError extends Error {
  override readonly name = 'PrincipalCommandRefusedError';
  constructor(
    readonly reason: PrincipalRefusalReason,
    message: string,
    /** The input field at fault, for InvalidInput and NameTaken. */
    readonly field?: string,
  ) {
    super(message);
  }
}
