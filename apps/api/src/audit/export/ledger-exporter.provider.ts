import type { Provider } from '@nestjs/common';
import { type LedgerSigner, LedgerExporter } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { AccessRecorder } from '@ledger/ledger';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { LEDGER_SIGNER } from '../verification/signing-key.provider';

/** The exporter the CLI uses too, over this process's store, access recorder and signing key. */
export const ledgerExporterProvider: Provider = {
  provide: LedgerExporter,
  inject: [EVENT_STORE, AccessRecorder, LEDGER_SIGNER],
  useFactory: (store: EventStore, access: AccessRecorder, signer: LedgerSigner) => new LedgerExporter({ store, access, signer }),
};
