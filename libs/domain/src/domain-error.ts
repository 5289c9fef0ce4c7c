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

export type IncidentNotFound = Extract<DomainError, { type: 'IncidentNotFound' }>;
export type IllegalTransition = Extract<DomainError, { type: 'IllegalTransition' }>;
export type RuleViolation = Extract<DomainError, { type: 'RuleViolation' }>;

export const incidentNotFound = (incidentId: string): IncidentNotFound => ({
  type: 'IncidentNotFound',
  incidentId,
  message: `Incident '${incidentId}' does not exist; log it first`,
});

export const illegalTransition = (
  command: IncidentCommandType,
  state: IncidentStatus | 'none',
  allowed: readonly IncidentCommandType[],
): IllegalTransition => ({
  type: 'IllegalTransition',
  command,
  state,
  allowed,
  message: `Cannot ${command} an incident in state '${state}'; allowed: ${allowed.length > 0 ? allowed.join(', ') : 'none'}`,
});

export const ruleViolation = (command: IncidentCommandType, field: string, reason: string): RuleViolation => ({
  type: 'RuleViolation',
  command,
  field,
  reason,
  message: `Cannot ${command}: '${field}' ${reason}`,
});
