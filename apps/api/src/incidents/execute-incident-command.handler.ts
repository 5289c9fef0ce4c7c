import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { IncidentCommand } from '@ledger/domain';
import { type CommandResult, IncidentCommandExecutor } from '@ledger/ledger';
import { ExecuteIncidentCommand } from './execute-incident-command';
import { fingerprint } from './command-ids';

/**
 * Thin: stamps who and when from the authenticated request, then load → decide → append via the executor.
 * Errors propagate as typed errors; the exception filter maps them to HTTP.
 */
@CommandHandler(ExecuteIncidentCommand)
export class ExecuteIncidentCommandHandler implements ICommandHandler<ExecuteIncidentCommand, CommandResult> {
  constructor(private readonly executor: IncidentCommandExecutor) {}

  execute({ intent, request, occurredAt }: ExecuteIncidentCommand): Promise<CommandResult> {
    const { principal } = request;
    const command = {
      ...intent,
      metadata: {
        actor: { id: principal.id, name: principal.name },
        now: new Date().toISOString(),
        ...(occurredAt === undefined ? {} : { occurredAt }),
      },
    } as IncidentCommand;
    const { commandId } = request;
    return this.executor.execute(command, {
      commandId,
      correlationId: request.correlationId,
      causationId: request.causationId ?? commandId,
      fingerprint: fingerprint({ type: intent.type, data: intent.data, occurredAt: occurredAt ?? null }),
      expectedRevision: request.expectedRevision,
    });
  }
}
