import type { Event } from './message';
import type {
  EvidenceKind,
  IncidentSource,
  ImpactLevel,
  PriorityCode,
  ResolutionCode,
  UrgencyLevel,
} from './vocabulary';

export type IncidentLogged = Event<
  'IncidentLogged',
  {
    incidentId: string;
    title: string;
    description: string;
    source: IncidentSource;
    /** The principal's handle; the reporter is whoever logged it. */
    reporter: string;
    /** When the incident itself occurred / was detected, if known (ISO 8601). */
    occurredAt?: string;
    detectedAt?: string;
  }
>;

export type IncidentCategorized = Event<
  'IncidentCategorized',
  { incidentId: string; category: string; subcategories: string[]; taxonomyVersion: string }
>;

export type IncidentPrioritized = Event<
  'IncidentPrioritized',
  {
    incidentId: string;
    impact: ImpactLevel;
    urgency: UrgencyLevel;
    priority: PriorityCode;
    matrixVersion: string;
  }
>;

export type IncidentAssigned = Event<
  'IncidentAssigned',
  { incidentId: string; assignee: string; team?: string }
>;

export type IncidentContained = Event<'IncidentContained', { incidentId: string; summary: string }>;

export type IncidentEradicated = Event<
  'IncidentEradicated',
  {
    incidentId: string;
    summary: string;
    /** Required when eradicating without containment first. */
    justification?: string;
  }
>;

export type IncidentRecovered = Event<'IncidentRecovered', { incidentId: string; summary: string }>;

export type IncidentClosed = Event<
  'IncidentClosed',
  { incidentId: string; resolutionCode: ResolutionCode; summary: string }
>;

export type IncidentReviewed = Event<
  'IncidentReviewed',
  { incidentId: string; rootCause: string; lessonsLearned: string; actions: string[] }
>;

export type IncidentRejected = Event<'IncidentRejected', { incidentId: string; reason: string }>;

export type IncidentReopened = Event<'IncidentReopened', { incidentId: string; reason: string }>;

export type NoteAdded = Event<
  'NoteAdded',
  {
    incidentId: string;
    noteId: string;
    text: string;
    author: string;
    /** A correction is a new note that references the one it corrects. */
    correctsNoteId?: string;
  }
>;

export type EvidenceRegistered = Event<
  'EvidenceRegistered',
  {
    incidentId: string;
    evidenceId: string;
    description: string;
    kind: EvidenceKind;
    /** SHA-256 of the item's content (64 lowercase hex): what later copies are checked against. */
    sha256: string;
    sizeBytes: number;
    source: string;
    collectedBy: string;
    /** When it was collected (ISO 8601); the registration itself is the envelope's occurredAt. */
    collectedAt: string;
    storageLocation: string;
    /** The first holder: whoever collected it. */
    custodian: string;
  }
>;

/** One link of the chain of custody; `from` was the holder when it was recorded. */
export type CustodyTransferred = Event<
  'CustodyTransferred',
  { incidentId: string; evidenceId: string; from: string; to: string; purpose: string }
>;

/** The item left the ledger's custody for good, handed to someone outside (police, a court, the owner). */
export type EvidenceReleased = Event<
  'EvidenceReleased',
  {
    incidentId: string;
    evidenceId: string;
    /** The custodian who handed it over. */
    holder: string;
    releasedTo: string;
    authority: string;
    reason: string;
  }
>;

export type EvidenceDisposed = Event<
  'EvidenceDisposed',
  {
    incidentId: string;
    evidenceId: string;
    /** The custodian who disposed of it. */
    holder: string;
    method: string;
    authority: string;
    reason: string;
  }
>;

export type IncidentEvent =
  | IncidentLogged
  | IncidentCategorized
  | IncidentPrioritized
  | IncidentAssigned
  | IncidentContained
  | IncidentEradicated
  | IncidentRecovered
  | IncidentClosed
  | IncidentReviewed
  | IncidentRejected
  | IncidentReopened
  | NoteAdded
  | EvidenceRegistered
  | CustodyTransferred
  | EvidenceReleased
  | EvidenceDisposed;

export type IncidentEventType = IncidentEvent['type'];

/** The events of evidence and its chain of custody. */
export type EvidenceEvent = EvidenceRegistered | CustodyTransferred | EvidenceReleased | EvidenceDisposed;

/** Current schema version of each event type. Bump it and add an upcaster when a shape changes. */
export const INCIDENT_EVENT_SCHEMA_VERSIONS: Readonly<Record<IncidentEventType, number>> = {
  IncidentLogged: 1,
  IncidentCategorized: 1,
  IncidentPrioritized: 1,
  IncidentAssigned: 1,
  IncidentContained: 1,
  IncidentEradicated: 1,
  IncidentRecovered: 1,
  IncidentClosed: 1,
  IncidentReviewed: 1,
  IncidentRejected: 1,
  IncidentReopened: 1,
  NoteAdded: 1,
  EvidenceRegistered: 1,
  CustodyTransferred: 1,
  EvidenceReleased: 1,
  EvidenceDisposed: 1,
};
