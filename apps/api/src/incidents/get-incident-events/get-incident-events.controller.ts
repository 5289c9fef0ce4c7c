import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { IncidentHistory } from '@ledger/ledger';
import { type EventJson, toEventJson } from '../event-json';
import { incidentIdPipe } from '../incident-id.pipe';
import { LoadIncidentQuery } from '../load-incident.query';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class GetIncidentEventsController {
  constructor(private readonly queries: QueryBus) {}

  /** The incident's full history: every event with its envelope and hash chain. */
  @Requires('incident:read')
  @Get(':id/events')
  @ApiOkResponse({ description: 'Events in stream order, with envelopes' })
  @ApiNotFoundResponse()
  async list(
    @Param('id', incidentIdPipe()) incidentId: string,
  ): Promise<{ id: string; revision: string; events: EventJson[] }> {
    const history = await this.queries.execute<LoadIncidentQuery, IncidentHistory>(new LoadIncidentQuery(incidentId));
    return { id: incidentId, revision: history.revision!.toString(), events: history.events.map(toEventJson) };
  }
}
