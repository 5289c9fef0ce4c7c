import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { IncidentHistory } from '@ledger/ledger';
import { Requires } from '../../auth/permissions';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { LoadIncidentQuery } from '../../incidents/load-incident.query';
import { custodyView, type EvidenceCustodyJson, evidenceOf } from '../custody-chain';
import { GetCustodyQueryDto } from './get-custody.query.dto';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('incidents')
export class GetCustodyController {
  constructor(private readonly queries: QueryBus) {}

  /**
   * The chain of custody of every evidence item of the incident, from its events (not a read model),
   * each link with its revision, position, times, actor and hash. The incident's revision is the ETag.
   */
  @Requires('evidence:read')
  @Get(':id/custody')
  @ApiOkResponse({ description: 'One entry per item, in registration order, each with its chain oldest first' })
  @ApiNotFoundResponse({ description: 'Unknown incident (or none yet at ?asOf=)' })
  async list(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Query() query: GetCustodyQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvidenceCustodyJson[]> {
    const asOf = query.asOf === undefined ? undefined : new Date(query.asOf);
    const history = await this.queries.execute<LoadIncidentQuery, IncidentHistory>(new LoadIncidentQuery(incidentId, asOf));
    void reply.header('etag', `"${history.revision!.toString()}"`);
    return evidenceOf(history.events).map(custodyView);
  }
}
