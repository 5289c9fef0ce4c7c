import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { CloseIncidentDto } from './close-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class CloseIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:close')
  @IncidentCommandRoute('close')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: CloseIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'CloseIncident', data: { incidentId, resolutionCode: body.resolutionCode, summary: body.summary } }, request, body.occurredAt);
  }
}
