import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { CategorizeIncidentDto } from './categorize-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class CategorizeIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:triage')
  @IncidentCommandRoute('categorize')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: CategorizeIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'CategorizeIncident', data: { incidentId, category: body.category, subcategories: body.subcategories } }, request, body.occurredAt);
  }
}
