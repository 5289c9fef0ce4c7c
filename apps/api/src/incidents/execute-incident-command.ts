import type { IncidentCommand } from '@ledger/domain';
import type { CommandRequestInfo } from './command-request';

/** A domain command as a route builds it: the metadata (who, when) is added by the handler. */
export type IncidentCommandIntent = IncidentCommand extends infer C
  ? C extends IncidentCommand
    ? Omit<C, 'metadata'>
    : never
  : never;

/** The one CQRS command every incident route dispatches; routed by this class in memory only, never stored. */
export class ExecuteIncidentCommand {
  constructor(
    readonly intent: IncidentCommandIntent,
    readonly request: CommandRequestInfo,
    /** When the action happened, if the client said so. */
    readonly occurredAt?: string,
  ) {}
}
