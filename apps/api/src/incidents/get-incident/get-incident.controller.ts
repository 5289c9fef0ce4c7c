import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { allowedCommands } from '@ledger/domain';
import type { IncidentHistory } from '@ledger/ledger';
import { actionsOf } from '../incident-actions';
import { incidentIdPipe } from '../incident-id.pipe';
import { LoadIncidentQuery } from '../load-incident.query';
import { GetIncidentQueryDto } from './get-incident.query.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class GetIncidentController {
  constructor(private readonly queries: QueryBus) {}

  /** The incident's state folded from its events, with its revision (also as ETag for If-Match). */
  @Requires('incident:read')
  @Get(':id')
  @ApiOkResponse({ description: 'Current state (or as of ?asOf=) with revision and the allowed actions' })
  @ApiNotFoundResponse()
  async get(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Query() query: GetIncidentQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Record<string, unknown>> {
    const asOf = query.asOf ? new Date(query.asOf) : undefined;
    const history = await this.queries.execute<LoadIncidentQuery, IncidentHistory>(
      new LoadIncidentQuery(incidentId, asOf),
    );
    const revision = history.revision!.toString();
    void reply.header('etag', `"${revision}"`);
    const allowed = allowedCommands(history.state);
    return {
      id: incidentId,
      revision,
      ...(asOf ? { asOf: asOf.toISOString() } : {}),
      ...history.state,
      allowedActions: actionsOf(allowed),
      allowedCommands: allowed,
    };
  }
}
