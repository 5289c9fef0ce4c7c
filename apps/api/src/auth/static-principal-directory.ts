import { readFileSync } from 'node:fs';
import type { Principal, PrincipalDirectory } from './principal';
import { hashToken, sameDigest } from './token-hash';

type Entry = Readonly<{ principal: Principal; digest: Buffer }>;

/** A principal as written in LEDGER_PRINCIPALS_FILE. */
export type PrincipalFileEntry = Readonly<{
  id: string;
  name: string;
  roles: string[];
  /** Hex SHA-256 of the bearer token; the token itself is never stored. */
  tokenSha256: string;
}>;

/**
 * Principals known at start-up: the bootstrap admin and those listed in a principals file.
 * Every lookup compares against every entry in constant time, so timing reveals nothing about tokens.
 */
export class StaticPrincipalDirectory implements PrincipalDirectory {
  private readonly entries: Entry[] = [];

  add(principal: Principal, token: string): this {
    this.entries.push({ principal, digest: hashToken(token) });
    return this;
  }

  addHashed(principal: Principal, tokenSha256: string): this {
    if (!/^[0-9a-f]{64}$/i.test(tokenSha256)) {
      throw new Error(`Principal '${principal.name}': tokenSha256 must be 64 hex characters`);
    }
    this.entries.push({ principal, digest: Buffer.from(tokenSha256, 'hex') });
    return this;
  }

  /** Loads principals from a JSON file: an array of PrincipalFileEntry. */
  addFile(path: string): this {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (!Array.isArray(parsed)) throw new Error(`${path}: expected a JSON array of principals`);
    for (const raw of parsed as PrincipalFileEntry[]) {
      if (typeof raw?.id !== 'string' || typeof raw.name !== 'string' || !Array.isArray(raw.roles)) {
        throw new Error(`${path}: each principal needs id, name, roles[] and tokenSha256`);
      }
      this.addHashed({ id: raw.id, name: raw.name, roles: raw.roles }, raw.tokenSha256);
    }
    return this;
  }

  authenticate(token: string): Principal | undefined {
    const digest = hashToken(token);
    let found: Principal | undefined;
    for (const entry of this.entries) {
      if (sameDigest(entry.digest, digest)) found = entry.principal;
    }
    return found;
  }
}
