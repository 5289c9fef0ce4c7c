import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { AssignIncidentDto } from './assign-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class AssignIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:assign')
  @IncidentCommandRoute('assign')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: AssignIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'AssignIncident', data: { incidentId, ...(body.team === undefined ? { assignee: body.assignee } : { assignee: body.assignee, team: body.team }) } }, request, body.occurredAt);
  }
}
