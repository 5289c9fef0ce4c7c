import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SIGNING_KEY_FILE, type LedgerSigner, loadSigningKey, SigningKeyError } from '@ledger/audit';
import type { LedgerConfig } from '../../api/src/config/ledger-config';
import { note, type CliIo } from './cli-io';
import { CliError, EXIT } from './exit-codes';

/**
 * The key the API signs with: LEDGER_SIGNING_KEY_FILE, else <dataDir>/signing-key.pem. Null when neither
 * exists: unlike the API's first start, the CLI never generates a key, since a second key made on an
 * auditor's machine would sign bundles nobody expects.
 */
export const findSigningKey = (config: LedgerConfig, io: CliIo): LedgerSigner | null => {
  const dataDirKey = join(config.dataDir, DEFAULT_SIGNING_KEY_FILE);
  if (config.signingKeyFile === undefined && !existsSync(dataDirKey)) return null;
  try {
    const loaded = loadSigningKey({ keyFile: config.signingKeyFile, dataDir: config.dataDir });
    for (const warning of loaded.warnings) note(io, `ledger: warning: ${warning}`);
    return loaded.signer;
  } catch (error) {
    if (error instanceof SigningKeyError) throw new CliError(EXIT.usage, `signing key: ${error.message}`);
    throw error;
  }
};
