import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { ReopenIncidentDto } from './reopen-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ReopenIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:reopen')
  @IncidentCommandRoute('reopen')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: ReopenIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'ReopenIncident', data: { incidentId, reason: body.reason } }, request, body.occurredAt);
  }
}
