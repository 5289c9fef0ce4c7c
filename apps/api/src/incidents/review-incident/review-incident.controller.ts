import { Body, Controller, Param, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { type CommandResponse, IncidentCommandSender } from '../command-response';
import { IncidentCommandRoute } from '../incident-command-route';
import { incidentIdPipe } from '../incident-id.pipe';
import { ReviewIncidentDto } from './review-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class ReviewIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  @Requires('incident:review')
  @IncidentCommandRoute('review')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: ReviewIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    return this.sender.send(reply, { type: 'ReviewIncident', data: { incidentId, rootCause: body.rootCause, lessonsLearned: body.lessonsLearned, actions: body.actions } }, request, body.occurredAt);
  }
}
