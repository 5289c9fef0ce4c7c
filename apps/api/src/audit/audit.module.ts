import { Module } from '@nestjs/common';
import { LedgerVerifier } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { EvidenceModule } from '../evidence/evidence.module';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { ExportIncidentController } from './export/export-incident.controller';
import { ExportRangeController } from './export/export-range.controller';
import { ledgerExporterProvider } from './export/ledger-exporter.provider';
import { GetIncidentReplayController } from './replay/get-incident-replay.controller';
import { CheckpointLifecycle } from './verification/checkpoint-lifecycle';
import { LEDGER_SIGNER, signingKeyProvider } from './verification/signing-key.provider';
import { VerifyIncidentController } from './verification/verify-incident.controller';
import { VerifyLedgerController } from './verification/verify-ledger.controller';

/** Audit: verification, signed checkpoints (and, from other use cases, exports and replay). */
@Module({
  // EvidenceModule provides the AccessRecorder every export writes to.
  imports: [EvidenceModule],
  controllers: [
    VerifyLedgerController,
    VerifyIncidentController,
    GetIncidentReplayController,
    ExportIncidentController,
    ExportRangeController,
  ],
  providers: [
    ledgerExporterProvider,
    signingKeyProvider,
    { provide: LedgerVerifier, inject: [EVENT_STORE], useFactory: (store: EventStore) => new LedgerVerifier(store) },
    CheckpointLifecycle,
  ],
  exports: [LEDGER_SIGNER, LedgerVerifier],
})
export class AuditModule {}
