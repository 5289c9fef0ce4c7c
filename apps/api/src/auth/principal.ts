/** An authenticated caller. */
export type Principal = Readonly<{
  id: string;
  /** Unique handle; assignees and reporters refer to principals by it. */
  name: string;
  /** Its roles; PermissionGuard grants what ROLE_MATRIX says they grant. */
  roles: readonly string[];
  /** Team memberships: handlers act on incidents assigned to them or to one of these teams. */
  teams: readonly string[];
  /** 'configured': bootstrap admin or LEDGER_PRINCIPALS_FILE; 'ledger': managed through /principals. */
  source?: 'configured' | 'ledger';
  /** The token used, for principals managed in the ledger. */
  tokenId?: string;
}>;

/** Finds the principal a bearer token belongs to (undefined: unknown, expired, revoked or disabled). */
export interface PrincipalDirectory {
  authenticate(token: string): Promise<Principal | undefined>;
}

export const PRINCIPAL_DIRECTORY = Symbol('PRINCIPAL_DIRECTORY');
