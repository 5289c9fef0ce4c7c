import type { IncidentCommandType } from './incident-commands';
import type { EvidenceStatus, IncidentStatus } from './vocabulary';

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
    }>
  | Readonly<{
      /** The incident exists but has no evidence item with this id. */
      type: 'EvidenceNotFound';
      command: IncidentCommandType;
      incidentId: string;
      evidenceId: string;
      message: string;
    }>
  | Readonly<{
      /**
       * The command would break the chain of custody: a transfer from someone who does not hold the
       * item, or any custody change of an item already released or disposed of.
       */
      type: 'CustodyViolation';
      command: IncidentCommandType;
      evidenceId: string;
      status: EvidenceStatus;
      /** The current holder (the last one once released or disposed). */
      holder: string;
      /** Who the command said holds it (TransferCustody's `from`), when that is the problem. */
      claimedHolder?: string;
      message: string;
    }>;

export type Decision<E> =
  | Readonly<{ ok: true; events: readonly E[] }>
  | Readonly<{ ok: false; error: DomainError }>;

export type IncidentNotFound = Extract<DomainError, { type: 'IncidentNotFound' }>;
export type IllegalTransition = Extract<DomainError, { type: 'IllegalTransition' }>;
export type RuleViolation = Extract<DomainError, { type: 'RuleViolation' }>;
export type EvidenceNotFound = Extract<DomainError, { type: 'EvidenceNotFound' }>;
export type CustodyViolation = Extract<DomainError, { type: 'CustodyViolation' }>;

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

export const evidenceNotFound = (
  command: IncidentCommandType,
  incidentId: string,
  evidenceId: string,
): EvidenceNotFound => ({
  type: 'EvidenceNotFound',
  command,
  incidentId,
  evidenceId,
  message: `Incident '${incidentId}' has no evidence '${evidenceId}'; register it first`,
});

export const custodyViolation = (
  command: IncidentCommandType,
  evidenceId: string,
  status: EvidenceStatus,
  holder: string,
  claimedHolder?: string,
): CustodyViolation => ({
  type: 'CustodyViolation',
  command,
  evidenceId,
  status,
  holder,
  ...(claimedHolder !== undefined && { claimedHolder }),
  message:
    status !== 'held'
      ? `Cannot ${command} evidence '${evidenceId}': it was ${status === 'disposed' ? 'disposed of' : status} by '${holder}' and is no longer in custody`
      : `Cannot ${command} evidence '${evidenceId}': it is held by '${holder}', not '${claimedHolder ?? ''}'`,
});
