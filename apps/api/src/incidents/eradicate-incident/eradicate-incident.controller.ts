import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { EradicateIncidentDto } from './eradicate-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class EradicateIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:respond')
  @IncidentCommandRoute('eradicate')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: EradicateIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'EradicateIncident', data: { incidentId, ...(body.justification === undefined ? { summary: body.summary } : { summary: body.summary, justification: body.justification }) } }, request, body.occurredAt);
  }
}
