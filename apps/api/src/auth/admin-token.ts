import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export type AdminToken = Readonly<{ token: string; source: 'environment' | 'file' | 'generated'; file?: string }>;

/**
 * The bootstrap admin's token: LEDGER_ADMIN_TOKEN when set; otherwise one generated on first start and
 * kept (mode 0600) in the data directory, so a fresh clone is usable without ever running open.
 */
export const resolveAdminToken = (configured: string | undefined, dataDir: string): AdminToken => {
  if (configured) return { token: configured, source: 'environment' };
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return { token: readFileSync(file, 'utf8').trim(), source: 'file', file };
  mkdirSync(dataDir, { recursive: true });
  const token = randomBytes(32).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, source: 'generated', file };
};
