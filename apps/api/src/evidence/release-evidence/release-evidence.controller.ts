import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../../auth/permissions';
import { CommandRequest, type CommandRequestInfo } from '../../incidents/command-request';
import { type CommandResponse, IncidentCommandSender } from '../../incidents/command-response';
import { IncidentCommandRoute } from '../../incidents/incident-command-route';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { evidenceIdPipe } from '../evidence-fields';
import { ReleaseEvidenceDto } from './release-evidence.dto';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('incidents')
export class ReleaseEvidenceController {
  constructor(private readonly sender: IncidentCommandSender) {}

  /** The item leaves custody for good, from its current holder; once only (409 afterwards). */
  @Requires('evidence:dispose')
  @IncidentCommandRoute('evidence/:evidenceId/release')
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Param('evidenceId', evidenceIdPipe()) evidenceId: string,
    @Body() body: ReleaseEvidenceDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const { releasedTo, authority, reason } = body;
    const data = { incidentId, evidenceId, releasedTo, authority, reason };
    return this.sender.send(reply, { type: 'ReleaseEvidence', data }, request, body.occurredAt);
  }
}
