import { Logger, type Provider } from '@nestjs/common';
import { loadSigningKey, type LedgerSigner } from '@ledger/audit';
import { LEDGER_CONFIG, type LedgerConfig } from '../../config/ledger-config';

/** The ledger's Ed25519 signer (checkpoints, export bundles). */
export const LEDGER_SIGNER = Symbol('LEDGER_SIGNER');

/**
 * LEDGER_SIGNING_KEY_FILE when set, else `<dataDir>/signing-key.pem` (generated, mode 0600, on first start).
 * A configured key that cannot be used stops start-up with the file named.
 */
export const signingKeyProvider: Provider = {
  provide: LEDGER_SIGNER,
  inject: [LEDGER_CONFIG],
  useFactory: (config: LedgerConfig): LedgerSigner => {
    const logger = new Logger('SigningKey');
    const loaded = loadSigningKey({ keyFile: config.signingKeyFile, dataDir: config.dataDir });
    if (loaded.source === 'generated') logger.warn(`Generated the signing key in ${loaded.file} (keep it secret; back it up)`);
    for (const warning of loaded.warnings) logger.warn(warning);
    logger.log(`Signing key ${loaded.signer.fingerprint} (${loaded.source === 'configured' ? 'LEDGER_SIGNING_KEY_FILE' : loaded.file})`);
    return loaded.signer;
  },
};
