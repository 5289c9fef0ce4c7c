import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPrincipalsFile } from './principals-file';

describe('LEDGER_PRINCIPALS_FILE', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-principals-file-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const file = (content: unknown): string => {
    const path = join(dir, 'principals.json');
    writeFileSync(path, JSON.stringify(content));
    return path;
  };
  const digest = 'AB'.repeat(32);

  it('reads read-only principals, with teams defaulting to none and digests lower-cased', () => {
    expect(readPrincipalsFile(file([{ id: 'principal-bob', name: 'bob', roles: ['analyst', 'analyst'], tokenSha256: digest }]))).toEqual([
      { id: 'principal-bob', name: 'bob', roles: ['analyst'], teams: [], tokenSha256: digest.toLowerCase() },
    ]);
  });

  it.each([
    ['not an array', { id: 'x' }, /JSON array/],
    ['an unknown role', [{ id: 'p', name: 'bob', roles: ['root'], tokenSha256: digest }], /unknown roles root/],
    ['no roles', [{ id: 'p', name: 'bob', roles: [], tokenSha256: digest }], /roles/],
    ['a name that is not a handle', [{ id: 'p', name: 'bob smith', roles: ['analyst'], tokenSha256: digest }], /handle/],
    ['a bad team', [{ id: 'p', name: 'bob', roles: ['analyst'], teams: ['a team'], tokenSha256: digest }], /teams/],
    ['a token instead of its digest', [{ id: 'p', name: 'bob', roles: ['analyst'], tokenSha256: 'secret' }], /64 hex/],
  ])('fails start-up on %s, naming the file', (_label, content, message) => {
    expect(() => readPrincipalsFile(file(content))).toThrow(message);
    expect(() => readPrincipalsFile(file(content))).toThrow(dir);
  });
});
