import type { IncidentCommandType } from './incident-commands';
import type { IncidentStatus } from './vocabulary';

/** Why `decide` refused a command. Plain data, so any adapter can map it (HTTP 404/409/422, CLI exit codes). */
export type DomainError =
  | Readonly<{
      type: 'IncidentNotFound';
      incidentId: string;
      message: string;
    }>
  | Readonly<{
      type: 'IllegalTransition';
      command: IncidentCommandType;
      state: IncidentStatus | 'none';
      /** Every command the current state accepts. */
      allowed: readonly IncidentCommandType[];
      message: string;
    }>
  | Readonly<{
      /** The command is allowed in this state but its content breaks a rule (unknown subcategory, missing justification, future time). */
      type: 'RuleViolation';
      command: IncidentCommandType;
      field: string;
      reason: string;
      message: string;
    }>;

export type Decision<E> =
  | Readonly<{ ok: true; events: readonly E[] }>
  | Readonly<{ ok: false; error: DomainError }>;
