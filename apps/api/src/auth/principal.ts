/** An authenticated caller. Roles are enforced by a later guard; today every principal may act. */
export type Principal = Readonly<{
  id: string;
  /** Unique handle; assignees and reporters refer to principals by it. */
  name: string;
  roles: readonly string[];
}>;

/** Finds the principal a bearer token belongs to. */
export interface PrincipalDirectory {
  authenticate(token: string): Principal | undefined;
}

export const PRINCIPAL_DIRECTORY = Symbol('PRINCIPAL_DIRECTORY');
