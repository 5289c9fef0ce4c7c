import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../../auth/permissions';
import { derivedId } from '../../incidents/command-ids';
import { CommandRequest, type CommandRequestInfo } from '../../incidents/command-request';
import { CommandResponse, IncidentCommandSender } from '../../incidents/command-response';
import { IncidentCommandRoute } from '../../incidents/incident-command-route';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { RegisterEvidenceDto } from './register-evidence.dto';

class EvidenceRegisteredResponse extends CommandResponse {
  @ApiProperty({ format: 'uuid' }) evidenceId!: string;
}

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('incidents')
export class RegisterEvidenceController {
  constructor(private readonly sender: IncidentCommandSender) {}

  /** Registers an item of evidence; whoever collected it holds it first. */
  @Requires('evidence:register')
  @IncidentCommandRoute('evidence', 201)
  async handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Body() body: RegisterEvidenceDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EvidenceRegisteredResponse> {
    // Derived from the command id, so a retry with the same Idempotency-Key names the same item.
    const evidenceId = derivedId(request.commandId, 'evidence');
    const data = {
      incidentId,
      evidenceId,
      description: body.description,
      kind: body.kind,
      sha256: body.sha256,
      sizeBytes: body.size,
      source: body.source,
      collectedBy: body.collectedBy,
      collectedAt: body.collectedAt,
      storageLocation: body.storageLocation,
    };
    const response = await this.sender.send(reply, { type: 'RegisterEvidence', data }, request, body.occurredAt);
    void reply.header('location', `/incidents/${incidentId}/evidence/${evidenceId}`);
    return { evidenceId, ...response };
  }
}
