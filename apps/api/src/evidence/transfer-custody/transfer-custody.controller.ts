import { Body, Controller, Param, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Requires } from '../../auth/permissions';
import { CommandRequest, type CommandRequestInfo } from '../../incidents/command-request';
import { type CommandResponse, IncidentCommandSender } from '../../incidents/command-response';
import { IncidentCommandRoute } from '../../incidents/incident-command-route';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { evidenceIdPipe } from '../evidence-fields';
import { TransferCustodyDto } from './transfer-custody.dto';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('incidents')
export class TransferCustodyController {
  constructor(private readonly sender: IncidentCommandSender) {}

  /** Hands an item on. The chain is continuous: `from` must be its current holder, or 409 names the holder. */
  @Requires('evidence:transfer')
  @IncidentCommandRoute('evidence/:evidenceId/transfers', 201)
  handle(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Param('evidenceId', evidenceIdPipe()) evidenceId: string,
    @Body() body: TransferCustodyDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    const data = { incidentId, evidenceId, from: body.from, to: body.to, purpose: body.purpose };
    return this.sender.send(reply, { type: 'TransferCustody', data }, request, body.occurredAt);
  }
}
