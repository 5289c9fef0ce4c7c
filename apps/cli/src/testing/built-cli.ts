import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { ensureBuilt } from '../../../../test/support/ledger-process';

const REPO = join(__dirname, '..', '..', '..', '..');

/** True when every compiled file has its path aliases rewritten (tsc-alias ran after tsc). */
const aliasesResolved = (dir: string): boolean =>
  readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.js'))
    .every((file) => !readFileSync(join(dir, file), 'utf8').includes('require("@ledger/'));

/**
 * Builds dist/ (ensureBuilt) and runs the CLI from a private copy of it: other test files may rebuild the
 * shared dist/ while this one runs, and a file caught between tsc and tsc-alias would not load. The copy
 * keeps the repository's layout (bin/ledger.js next to dist/, node_modules linked), so the shim runs as in
 * a clone. Returns the copied bin/ledger.js and a cleanup.
 */
export const privateBuiltCli = async (): Promise<{ bin: string; dispose: () => void }> => {
  ensureBuilt();
  const root = mkdtempSync(join(tmpdir(), 'ledger-cli-build-'));
  for (let attempt = 1; ; attempt++) {
    rmSync(join(root, 'dist'), { recursive: true, force: true });
    cpSync(join(REPO, 'dist', 'apps'), join(root, 'dist', 'apps'), { recursive: true });
    cpSync(join(REPO, 'dist', 'libs'), join(root, 'dist', 'libs'), { recursive: true });
    cpSync(join(REPO, 'dist', 'projections'), join(root, 'dist', 'projections'), { recursive: true });
    if (aliasesResolved(join(root, 'dist'))) break;
    if (attempt === 20) throw new Error('dist/ kept changing while it was copied (another build running?)');
    await delay(3000);
  }
  mkdirSync(join(root, 'bin'));
  cpSync(join(REPO, 'bin', 'ledger.js'), join(root, 'bin', 'ledger.js'));
  symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { bin: join(root, 'bin', 'ledger.js'), dispose: () => rmSync(root, { recursive: true, force: true }) };
};
