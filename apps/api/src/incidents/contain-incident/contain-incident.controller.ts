import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { ContainIncidentDto } from './contain-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ContainIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:respond')
  @IncidentCommandRoute('contain')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: ContainIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'ContainIncident', data: { incidentId, summary: body.summary } }, request, body.occurredAt);
  }
}
