import { Module } from '@nestjs/common';
import { AddNoteController } from './add-note/add-note.controller';
import { AssignIncidentController } from './assign-incident/assign-incident.controller';
import { CategorizeIncidentController } from './categorize-incident/categorize-incident.controller';
import { CloseIncidentController } from './close-incident/close-incident.controller';
import { IncidentCommandSender } from './command-response';
import { ContainIncidentController } from './contain-incident/contain-incident.controller';
import { EradicateIncidentController } from './eradicate-incident/eradicate-incident.controller';
import { ExecuteIncidentCommandHandler } from './execute-incident-command.handler';
import { GetIncidentEventsController } from './get-incident-events/get-incident-events.controller';
import { GetIncidentController } from './get-incident/get-incident.controller';
import { LoadIncidentQueryHandler } from './load-incident.query';
import { LogIncidentController } from './log-incident/log-incident.controller';
import { PrioritizeIncidentController } from './prioritize-incident/prioritize-incident.controller';
import { RecoverIncidentController } from './recover-incident/recover-incident.controller';
import { RejectIncidentController } from './reject-incident/reject-incident.controller';
import { ReopenIncidentController } from './reopen-incident/reopen-incident.controller';
import { ReviewIncidentController } from './review-incident/review-incident.controller';

/** The incident lifecycle: one folder per use case. */
@Module({
  controllers: [
    LogIncidentController,
    CategorizeIncidentController,
    PrioritizeIncidentController,
    AssignIncidentController,
    ContainIncidentController,
    EradicateIncidentController,
    RecoverIncidentController,
    CloseIncidentController,
    ReviewIncidentController,
    RejectIncidentController,
    ReopenIncidentController,
    AddNoteController,
    GetIncidentController,
    GetIncidentEventsController,
  ],
  providers: [IncidentCommandSender, ExecuteIncidentCommandHandler, LoadIncidentQueryHandler],
})
export class IncidentsModule {}
