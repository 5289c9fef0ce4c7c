import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { derivedId } from '../command-ids';
import { CommandRequest, type CommandRequestInfo } from '../command-request';
import { CommandResponse, IncidentCommandSender } from '../command-response';
import { LogIncidentDto } from './log-incident.dto';

@ApiTags('incidents')
@ApiBearerAuth()
@Controller('incidents')
export class LogIncidentController {
  constructor(private readonly sender: IncidentCommandSender) {}

  /** Logs a new incident. With an Idempotency-Key, a retry returns the same incident and appends nothing. */
  @Requires('incident:log')
  @Post()
  @HttpCode(201)
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: CommandResponse })
  log(
    @Body() body: LogIncidentDto,
    @CommandRequest() request: CommandRequestInfo,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CommandResponse> {
    // Derived from the command id, so a retried request lands on the same incident.
    const incidentId = derivedId(request.commandId, 'incident');
    return this.sender.send(reply, {
      type: 'LogIncident',
      data: {
        incidentId,
        title: body.title,
        description: body.description,
        source: body.source,
        ...(body.occurredAt === undefined ? {} : { occurredAt: body.occurredAt }),
        ...(body.detectedAt === undefined ? {} : { detectedAt: body.detectedAt }),
      },
    }, request);
  }
}
