import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../../auth/permissions';
import { CommandRequest, type CommandRequestInfo } from '../../incidents/command-request';
import { type CommandResponse, IncidentCommandSender } from '../../incidents/command-response';
import { IncidentCommandRoute } from '../../incidents/incident-command-route';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { evidenceIdPipe } from '../evidence-fields';
import { DisposeEvidenceDto } from './dispose-evidence.dto';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('incidents')
export class DisposeEvidenceController {
  constructor(private readonly sender: IncidentCommandSender) {}

  /** The current holder's item is destroyed; once only (409 afterwards). */
  @Requires('evidence:dispose')
  @IncidentCommandRoute('evidence/:evidenceId/dispose')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Param('evidenceId', evidenceIdPipe()) evidenceId: string,
    @Body() body: DisposeEvidenceDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const { method, authority, reason } = body;
    const data = { incidentId, evidenceId, method, authority, reason };
    return this.sender.send(reply, { type: 'DisposeEvidence', data }, request, body.occurredAt);
  }
}
