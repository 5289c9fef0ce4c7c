import { Module } from '@nestjs/common';
import { AccessRecorder } from '@ledger/ledger';
import { IncidentCommandSender } from '../incidents/command-response';
import { accessRecorderProvider } from './access-recorder.provider';
import { DisposeEvidenceController } from './dispose-evidence/dispose-evidence.controller';
import { GetCustodyController } from './get-custody/get-custody.controller';
import { GetEvidenceController } from './get-evidence/get-evidence.controller';
import { ListAccessRecordsController } from './list-access-records/list-access-records.controller';
import { RegisterEvidenceController } from './register-evidence/register-evidence.controller';
import { ReleaseEvidenceController } from './release-evidence/release-evidence.controller';
import { TransferCustodyController } from './transfer-custody/transfer-custody.controller';

/**
 * Evidence and its chain of custody (commands on the incident's stream), and access records: who
 * viewed evidence details or exported data, and why. Exports AccessRecorder for other modules.
 */
@Module({
  controllers: [
    RegisterEvidenceController,
    TransferCustodyController,
    ReleaseEvidenceController,
    DisposeEvidenceController,
    GetCustodyController,
    GetEvidenceController,
    ListAccessRecordsController,
  ],
  providers: [IncidentCommandSender, accessRecorderProvider],
  exports: [AccessRecorder],
})
export class EvidenceModule {}
