import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type IncidentReplay, replayIncident } from '@ledger/audit';
import { IncidentRepository } from '@ledger/ledger';
import { Requires } from '../../auth/permissions';
import { errorBody } from '../../http/problem';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { GetIncidentReplayQueryDto } from './get-incident-replay.query.dto';

export type IncidentReplayResponse = Readonly<{ id: string } & Omit<IncidentReplay, 'incidentId'>>;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('incidents')
export class GetIncidentReplayController {
  constructor(private readonly repository: IncidentRepository) {}

  /** The incident's history event by event: the state after each event, what it changed, who and when. */
  @Requires('audit:replay')
  @Get(':id/replay')
  @ApiOkResponse({ description: '{ id, stream, asOf?, totalEvents, steps: [{ revision, type, actor, occurredAt, recordedAt, hash, changes, state }] }' })
  @ApiNotFoundResponse({ description: 'No such incident, or none of its events was recorded by asOf' })
  async replay(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Query() query: GetIncidentReplayQueryDto,
  ): Promise<IncidentReplayResponse> {
    const history = await this.repository.load(incidentId);
    if (history.events.length === 0) {
      throw new NotFoundException(errorBody(404, `Incident ${incidentId} not found`, { incidentId }));
    }
    const asOf = query.asOf === undefined ? undefined : new Date(query.asOf);
    const { incidentId: _id, ...replay } = replayIncident(incidentId, history.stream, history.events, { asOf });
    if (replay.steps.length === 0) {
      // The incident exists, just not yet at that instant: say so, and when it starts.
      throw new NotFoundException(
        errorBody(
          404,
          `Incident ${incidentId} has no events recorded at or before ${asOf!.toISOString()}; ` +
            `its first event was recorded at ${replay.firstRecordedAt}`,
          { incidentId, asOf: asOf!.toISOString(), firstRecordedAt: replay.firstRecordedAt },
        ),
      );
    }
    return { id: incidentId, ...replay };
  }
}
