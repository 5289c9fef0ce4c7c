import { ApiProperty } from '@nestjs/swagger';
import { CommandBus } from '@nestjs/cqrs';
import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { CommandResult } from '@ledger/ledger';
import type { CommandRequestInfo } from './command-request';
import { ExecuteIncidentCommand, type IncidentCommandIntent } from './execute-incident-command';

/** What every command answers. Revisions and positions are decimal strings (they are 64-bit). */
export class CommandResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '3', description: 'Revision of the incident after the command' }) revision!: string;
  @ApiProperty({ example: '42', description: 'Global position; pass it as ?minPosition= to read your writes' })
  position!: string;
}

/** Dispatches an incident command on the CommandBus and shapes the answer. */
@Injectable()
export class IncidentCommandSender {
  constructor(private readonly commandBus: CommandBus) {}

  async send(
    reply: FastifyReply,
    intent: IncidentCommandIntent,
    request: CommandRequestInfo,
    occurredAt?: string,
  ): Promise<CommandResponse> {
    const result = await this.commandBus.execute<ExecuteIncidentCommand, CommandResult>(
      new ExecuteIncidentCommand(intent, request, occurredAt),
    );
    void reply.header('etag', `"${result.revision.toString()}"`);
    if (result.replayed) void reply.header('idempotent-replayed', 'true');
    return { id: result.incidentId, revision: result.revision.toString(), position: result.position.toString() };
  }
}
