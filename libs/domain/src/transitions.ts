import { INCIDENT_COMMAND_TYPES, type IncidentCommandType } from './incident-commands';
import type { IncidentEventType } from './incident-events';
import type { IncidentState } from './incident-state';
import { INCIDENT_STATUSES, type IncidentStatus } from './vocabulary';

/**
 * The incident lifecycle in one place. decide refuses anything this table does not list,
 * evolve takes the resulting status from it, and the unit tests and docs/lifecycle.md are
 * generated from it. Change the lifecycle here and nowhere else.
 */

/** An incident's status, or 'none' before it has been logged. */
export type LifecycleStatus = IncidentState['status'];
export const LIFECYCLE_STATUSES: readonly LifecycleStatus[] = Object.freeze(['none', ...INCIDENT_STATUSES]);

/** The status stays as it is: edits while open (re-categorize, re-prioritize, reassign), notes and evidence. */
export const UNCHANGED = 'unchanged';
/** 'triaged' once the incident is both categorized and prioritized (in either order), otherwise 'logged'. */
export const TRIAGE = 'logged-or-triaged';

export type TransitionTarget = IncidentStatus | typeof UNCHANGED | typeof TRIAGE;

/** A command field that must be non-empty text in this state only (elsewhere it is optional). */
export type TransitionRequirement = Readonly<{ field: string; reason: string }>;

export type Transition = Readonly<{
  to: TransitionTarget;
  requires?: readonly TransitionRequirement[];
}>;

export type TransitionTable = Readonly<
  Record<LifecycleStatus, Readonly<Partial<Record<IncidentCommandType, Transition>>>>
>;

const to = (target: TransitionTarget, ...requires: TransitionRequirement[]): Transition =>
  Object.freeze(requires.length > 0 ? { to: target, requires: Object.freeze(requires) } : { to: target });

const keep = to(UNCHANGED);

// Allowed while the incident is open, i.e. from triage until it is closed or rejected.
const openEdits = { CategorizeIncident: keep, PrioritizeIncident: keep, AssignIncident: keep } as const;

/**
 * Evidence and its chain of custody, in every state of an existing incident: evidence may surface
 * after closure (a late log export, a seized laptop), and custody must be recordable whenever an item
 * actually moves, even on a rejected report, or the record would be silent about where it went.
 */
const evidence = {
  RegisterEvidence: keep,
  TransferCustody: keep,
  ReleaseEvidence: keep,
  DisposeEvidence: keep,
} as const;

const freezeRows = (table: TransitionTable): TransitionTable => {
  for (const row of Object.values(table)) Object.freeze(row);
  return Object.freeze(table);
};

export const TRANSITION_TABLE: TransitionTable = freezeRows({
  none: {
    LogIncident: to('logged'),
  },
  logged: {
    // Assigning needs a category and a priority, so it only opens up in 'triaged'.
    CategorizeIncident: to(TRIAGE),
    PrioritizeIncident: to(TRIAGE),
    RejectIncident: to('rejected'),
    AddNote: keep,
    ...evidence,
  },
  triaged: {
    ...openEdits,
    AssignIncident: to('assigned'),
    RejectIncident: to('rejected'),
    AddNote: keep,
    ...evidence,
  },
  assigned: {
    ...openEdits,
    ContainIncident: to('contained'),
    EradicateIncident: to('eradicated', {
      field: 'justification',
      reason: 'is required to eradicate an incident that was not contained first',
    }),
    AddNote: keep,
    ...evidence,
  },
  contained: {
    ...openEdits,
    EradicateIncident: to('eradicated'),
    AddNote: keep,
    ...evidence,
  },
  eradicated: {
    ...openEdits,
    RecoverIncident: to('recovered'),
    AddNote: keep,
    ...evidence,
  },
  recovered: {
    ...openEdits,
    CloseIncident: to('closed'),
    AddNote: keep,
    ...evidence,
  },
  closed: {
    ReviewIncident: to('reviewed'),
    // Back into response; evolve resets containment so the phases are redone.
    ReopenIncident: to('assigned'),
    AddNote: keep,
    ...evidence,
  },
  reviewed: {
    ReopenIncident: to('assigned'),
    AddNote: keep,
    ...evidence,
  },
  rejected: {
    // A rejected report that turns out to be real goes back to triage.
    ReopenIncident: to(TRIAGE),
    AddNote: keep,
    ...evidence,
  },
});

/** The event each command records; every accepted command records exactly one. */
export const EVENT_FOR_COMMAND: Readonly<Record<IncidentCommandType, IncidentEventType>> = Object.freeze({
  LogIncident: 'IncidentLogged',
  CategorizeIncident: 'IncidentCategorized',
  PrioritizeIncident: 'IncidentPrioritized',
  AssignIncident: 'IncidentAssigned',
  ContainIncident: 'IncidentContained',
  EradicateIncident: 'IncidentEradicated',
  RecoverIncident: 'IncidentRecovered',
  CloseIncident: 'IncidentClosed',
  ReviewIncident: 'IncidentReviewed',
  RejectIncident: 'IncidentRejected',
  ReopenIncident: 'IncidentReopened',
  AddNote: 'NoteAdded',
  RegisterEvidence: 'EvidenceRegistered',
  TransferCustody: 'CustodyTransferred',
  ReleaseEvidence: 'EvidenceReleased',
  DisposeEvidence: 'EvidenceDisposed',
});

export const COMMAND_FOR_EVENT: Readonly<Record<IncidentEventType, IncidentCommandType>> = Object.freeze({
  IncidentLogged: 'LogIncident',
  IncidentCategorized: 'CategorizeIncident',
  IncidentPrioritized: 'PrioritizeIncident',
  IncidentAssigned: 'AssignIncident',
  IncidentContained: 'ContainIncident',
  IncidentEradicated: 'EradicateIncident',
  IncidentRecovered: 'RecoverIncident',
  IncidentClosed: 'CloseIncident',
  IncidentReviewed: 'ReviewIncident',
  IncidentRejected: 'RejectIncident',
  IncidentReopened: 'ReopenIncident',
  NoteAdded: 'AddNote',
  EvidenceRegistered: 'RegisterEvidence',
  CustodyTransferred: 'TransferCustody',
  EvidenceReleased: 'ReleaseEvidence',
  EvidenceDisposed: 'DisposeEvidence',
});

const statusOf = (stateOrStatus: Pick<IncidentState, 'status'> | LifecycleStatus): LifecycleStatus =>
  typeof stateOrStatus === 'string' ? stateOrStatus : stateOrStatus.status;

export const transitionFor = (
  stateOrStatus: Pick<IncidentState, 'status'> | LifecycleStatus,
  command: IncidentCommandType,
): Transition | undefined => TRANSITION_TABLE[statusOf(stateOrStatus)][command];

/** The commands the incident accepts now, in INCIDENT_COMMAND_TYPES order. */
export const allowedCommands = (
  stateOrStatus: Pick<IncidentState, 'status'> | LifecycleStatus,
): IncidentCommandType[] => {
  const row = TRANSITION_TABLE[statusOf(stateOrStatus)];
  return INCIDENT_COMMAND_TYPES.filter((command) => row[command] !== undefined);
};

/** Both halves of triage are done: it has a category and a priority. */
export const isTriageComplete = (state: Pick<IncidentState, 'category' | 'priority'>): boolean =>
  state.category !== undefined && state.priority !== undefined;

/**
 * The status a transition leads to. `after` is the incident with the event's data already
 * applied, so the first of categorize/prioritize stays 'logged' and the second reaches 'triaged'.
 */
export const resolveTarget = (
  target: TransitionTarget,
  from: LifecycleStatus,
  after: Pick<IncidentState, 'category' | 'priority'>,
): LifecycleStatus => {
  switch (target) {
    case UNCHANGED:
      return from;
    case TRIAGE:
      return isTriageComplete(after) ? 'triaged' : 'logged';
    default:
      return target;
  }
};
