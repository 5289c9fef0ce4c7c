import { evolve } from '../evolve';
import type { IncidentCommand, IncidentCommandType } from '../incident-commands';
import type { IncidentEvent } from '../incident-events';
import { initialIncidentState, type IncidentState } from '../incident-state';
import type { CommandMetadata } from '../message';
import { PRIORITY_MATRIX } from '../priority-matrix';
import { RSIT_TAXONOMY } from '../taxonomy';
import { allowedCommands, EVENT_FOR_COMMAND, type LifecycleStatus } from '../transitions';

/** Shared test data: one incident, one actor, a fixed server clock. */
export const INCIDENT_ID = 'inc-0001';
export const ACTOR = Object.freeze({ id: 'user-42', name: 'alice' });
export const NOW = '2024-05-01T12:00:00.000Z';
export const EVIDENCE_ID = 'ev-sample';
export const EVIDENCE_SHA256 = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';

export const metadata = (overrides: Partial<CommandMetadata> = {}): CommandMetadata => ({
  actor: ACTOR,
  now: NOW,
  ...overrides,
});

type CommandOf<T extends IncidentCommandType> = Extract<IncidentCommand, { type: T }>;
type EventOf<T extends IncidentEvent['type']> = Extract<IncidentEvent, { type: T }>;

const commandFactory =
  <T extends IncidentCommandType>(type: T, defaults: Omit<CommandOf<T>['data'], 'incidentId'>) =>
  (data: Partial<CommandOf<T>['data']> = {}, meta: Partial<CommandMetadata> = {}): CommandOf<T> =>
    ({ type, data: { incidentId: INCIDENT_ID, ...defaults, ...data }, metadata: metadata(meta) }) as unknown as CommandOf<T>;

const eventFactory =
  <T extends IncidentEvent['type']>(type: T, defaults: Omit<EventOf<T>['data'], 'incidentId'>) =>
  (data: Partial<EventOf<T>['data']> = {}): EventOf<T> =>
    ({ type, data: { incidentId: INCIDENT_ID, ...defaults, ...data } }) as unknown as EventOf<T>;

/** Valid commands with sensible defaults; pass overrides to break one field at a time. */
export const commands = {
  log: commandFactory('LogIncident', {
    title: 'Credential phishing wave',
    description: 'Several staff received a fake SSO login page.',
    source: 'user-report',
  }),
  categorize: commandFactory('CategorizeIncident', { category: 'fraud', subcategories: ['phishing'] }),
  prioritize: commandFactory('PrioritizeIncident', { impact: 2, urgency: 1 }),
  assign: commandFactory('AssignIncident', { assignee: 'bob', team: 'csirt' }),
  contain: commandFactory('ContainIncident', { summary: 'Blocked the phishing domain at the proxy.' }),
  eradicate: commandFactory('EradicateIncident', {
    summary: 'Reset credentials of affected accounts.',
    justification: 'The page was taken down before containment was possible.',
  }),
  recover: commandFactory('RecoverIncident', { summary: 'Accounts restored and monitored.' }),
  close: commandFactory('CloseIncident', {
    resolutionCode: 'true-positive-with-impact',
    summary: 'Three accounts compromised; all reset.',
  }),
  review: commandFactory('ReviewIncident', {
    rootCause: 'No phishing-resistant MFA for SSO.',
    lessonsLearned: 'Report button worked; detection was slow.',
    actions: ['Roll out FIDO2 keys'],
  }),
  reject: commandFactory('RejectIncident', { reason: 'Authorised phishing simulation.' }),
  reopen: commandFactory('ReopenIncident', { reason: 'More affected accounts found.' }),
  note: commandFactory('AddNote', { noteId: 'note-sample', text: 'Called the user back.' }),
  registerEvidence: commandFactory('RegisterEvidence', {
    evidenceId: EVIDENCE_ID,
    description: 'Disk image of WS-042',
    kind: 'disk-image',
    sha256: EVIDENCE_SHA256,
    sizeBytes: 512_110_190_592,
    source: 'WS-042 internal SSD',
    collectedBy: 'alice',
    collectedAt: '2024-05-01T10:00:00Z',
    storageLocation: 'Evidence locker A-3',
  }),
  transferCustody: commandFactory('TransferCustody', {
    evidenceId: EVIDENCE_ID,
    from: 'alice',
    to: 'evidence-locker',
    purpose: 'Forensic imaging',
  }),
  releaseEvidence: commandFactory('ReleaseEvidence', {
    evidenceId: EVIDENCE_ID,
    releasedTo: 'police-cyber-unit',
    authority: 'Legal, case 2024-17',
    reason: 'Handed over for prosecution',
  }),
  disposeEvidence: commandFactory('DisposeEvidence', {
    evidenceId: EVIDENCE_ID,
    method: 'Cryptographic erase (NIST 800-88 purge)',
    authority: 'DPO retention decision R-9',
    reason: 'Retention period ended',
  }),
};

/** The events the default commands above record (reporter and author are ACTOR.name). */
export const events = {
  logged: eventFactory('IncidentLogged', {
    title: 'Credential phishing wave',
    description: 'Several staff received a fake SSO login page.',
    source: 'user-report',
    reporter: ACTOR.name,
  }),
  categorized: eventFactory('IncidentCategorized', {
    category: 'fraud',
    subcategories: ['phishing'],
    taxonomyVersion: RSIT_TAXONOMY.version,
  }),
  prioritized: eventFactory('IncidentPrioritized', {
    impact: 2,
    urgency: 1,
    priority: 'P2',
    matrixVersion: PRIORITY_MATRIX.version,
  }),
  assigned: eventFactory('IncidentAssigned', { assignee: 'bob', team: 'csirt' }),
  contained: eventFactory('IncidentContained', { summary: 'Blocked the phishing domain at the proxy.' }),
  eradicated: eventFactory('IncidentEradicated', {
    summary: 'Reset credentials of affected accounts.',
    justification: 'The page was taken down before containment was possible.',
  }),
  recovered: eventFactory('IncidentRecovered', { summary: 'Accounts restored and monitored.' }),
  closed: eventFactory('IncidentClosed', {
    resolutionCode: 'true-positive-with-impact',
    summary: 'Three accounts compromised; all reset.',
  }),
  reviewed: eventFactory('IncidentReviewed', {
    rootCause: 'No phishing-resistant MFA for SSO.',
    lessonsLearned: 'Report button worked; detection was slow.',
    actions: ['Roll out FIDO2 keys'],
  }),
  rejected: eventFactory('IncidentRejected', { reason: 'Authorised phishing simulation.' }),
  reopened: eventFactory('IncidentReopened', { reason: 'More affected accounts found.' }),
  noteAdded: eventFactory('NoteAdded', { noteId: 'note-sample', text: 'Called the user back.', author: ACTOR.name }),
  evidenceRegistered: eventFactory('EvidenceRegistered', {
    evidenceId: EVIDENCE_ID,
    description: 'Disk image of WS-042',
    kind: 'disk-image',
    sha256: EVIDENCE_SHA256,
    sizeBytes: 512_110_190_592,
    source: 'WS-042 internal SSD',
    collectedBy: 'alice',
    collectedAt: '2024-05-01T10:00:00Z',
    storageLocation: 'Evidence locker A-3',
    custodian: 'alice',
  }),
  custodyTransferred: eventFactory('CustodyTransferred', {
    evidenceId: EVIDENCE_ID,
    from: 'alice',
    to: 'evidence-locker',
    purpose: 'Forensic imaging',
  }),
  evidenceReleased: eventFactory('EvidenceReleased', {
    evidenceId: EVIDENCE_ID,
    holder: 'alice',
    releasedTo: 'police-cyber-unit',
    authority: 'Legal, case 2024-17',
    reason: 'Handed over for prosecution',
  }),
  evidenceDisposed: eventFactory('EvidenceDisposed', {
    evidenceId: EVIDENCE_ID,
    holder: 'alice',
    method: 'Cryptographic erase (NIST 800-88 purge)',
    authority: 'DPO retention decision R-9',
    reason: 'Retention period ended',
  }),
};

/**
 * For every command type, a valid command and the event decide must record for it. `given` lists
 * what the command needs besides the incident's status: a custody command needs its item registered.
 */
export type Sample = Readonly<{ command: IncidentCommand; event: IncidentEvent; given?: readonly IncidentEvent[] }>;

export const SAMPLES: Readonly<Record<IncidentCommandType, Sample>> = {
  LogIncident: { command: commands.log(), event: events.logged() },
  CategorizeIncident: { command: commands.categorize(), event: events.categorized() },
  PrioritizeIncident: { command: commands.prioritize(), event: events.prioritized() },
  AssignIncident: { command: commands.assign(), event: events.assigned() },
  ContainIncident: { command: commands.contain(), event: events.contained() },
  EradicateIncident: { command: commands.eradicate(), event: events.eradicated() },
  RecoverIncident: { command: commands.recover(), event: events.recovered() },
  CloseIncident: { command: commands.close(), event: events.closed() },
  ReviewIncident: { command: commands.review(), event: events.reviewed() },
  RejectIncident: { command: commands.reject(), event: events.rejected() },
  ReopenIncident: { command: commands.reopen(), event: events.reopened() },
  AddNote: { command: commands.note(), event: events.noteAdded() },
  RegisterEvidence: { command: commands.registerEvidence(), event: events.evidenceRegistered() },
  TransferCustody: {
    command: commands.transferCustody(),
    event: events.custodyTransferred(),
    given: [events.evidenceRegistered()],
  },
  ReleaseEvidence: {
    command: commands.releaseEvidence(),
    event: events.evidenceReleased(),
    given: [events.evidenceRegistered()],
  },
  DisposeEvidence: {
    command: commands.disposeEvidence(),
    event: events.evidenceDisposed(),
    given: [events.evidenceRegistered()],
  },
};

/** The history that reaches `status`, followed by whatever the sample command for `command` needs. */
export const historyForSample = (status: LifecycleStatus, command: IncidentCommandType): IncidentEvent[] => [
  ...historyFor(status),
  ...(SAMPLES[command].given ?? []),
];

// What tells two states apart for the lifecycle: status, both halves of triage, containment.
const shape = (s: IncidentState): string =>
  JSON.stringify([s.status, s.category !== undefined, s.priority !== undefined, s.contained]);

/**
 * The shortest history that reaches `status`, found by walking the transition table from
 * 'none' with the sample events. Derived from the table, so a changed lifecycle changes the
 * histories (and the generated tests) with it.
 */
export const historyFor = (status: LifecycleStatus): IncidentEvent[] => {
  const seen = new Set<string>();
  let frontier: Array<{ state: IncidentState; history: IncidentEvent[] }> = [
    { state: initialIncidentState(), history: [] },
  ];
  while (frontier.length > 0) {
    const next: typeof frontier = [];
    for (const { state, history } of frontier) {
      if (state.status === status) return history;
      if (seen.has(shape(state))) continue;
      seen.add(shape(state));
      for (const command of allowedCommands(state)) {
        const event = SAMPLES[command].event;
        if (event.type !== EVENT_FOR_COMMAND[command]) throw new Error(`Sample for ${command} records ${event.type}`);
        next.push({ state: evolve(state, event), history: [...history, event] });
      }
    }
    frontier = next;
  }
  throw new Error(`The transition table has no path from 'none' to '${status}'`);
};
