import { readFileSync } from 'node:fs';
import { type ConfiguredPrincipal, PRINCIPAL_HANDLE } from './ledger-principals';
import { isRole, ROLES } from './role-matrix';

/** A principal as written in LEDGER_PRINCIPALS_FILE (read-only; prefer POST /principals). */
export type PrincipalFileEntry = Readonly<{
  id: string;
  name: string;
  roles: string[];
  teams?: string[];
  /** Hex SHA-256 of the bearer token; the token itself is never stored. */
  tokenSha256: string;
}>;

const fail = (path: string, message: string): never => {
  throw new Error(`${path}: ${message}`);
};

const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** Reads and checks LEDGER_PRINCIPALS_FILE: a JSON array of PrincipalFileEntry. Fails start-up on any mistake. */
export const readPrincipalsFile = (path: string): ConfiguredPrincipal[] => {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) fail(path, 'expected a JSON array of principals');
  return (parsed as Partial<PrincipalFileEntry>[]).map((raw, index) => {
    const at = `principal #${index + 1}`;
    if (typeof raw?.id !== 'string' || raw.id === '') fail(path, `${at} needs an id`);
    if (typeof raw.name !== 'string' || !PRINCIPAL_HANDLE.test(raw.name)) {
      fail(path, `${at} needs a name that is a handle (letters, digits, . _ @ -; at most 64)`);
    }
    if (!strings(raw.roles) || raw.roles.length === 0) fail(path, `${at} needs roles[]`);
    const unknown = raw.roles!.filter((role) => !isRole(role));
    if (unknown.length > 0) fail(path, `${at} has unknown roles ${unknown.join(', ')} (known: ${ROLES.join(', ')})`);
    if (raw.teams !== undefined && (!strings(raw.teams) || !raw.teams.every((team) => PRINCIPAL_HANDLE.test(team)))) {
      fail(path, `${at}: teams must be handles`);
    }
    if (typeof raw.tokenSha256 !== 'string' || !/^[0-9a-f]{64}$/i.test(raw.tokenSha256)) {
      fail(path, `${at}: tokenSha256 must be 64 hex characters`);
    }
    return {
      id: raw.id!,
      name: raw.name!,
      roles: [...new Set(raw.roles!)],
      teams: raw.teams ?? [],
      tokenSha256: raw.tokenSha256!.toLowerCase(),
    };
  });
};
