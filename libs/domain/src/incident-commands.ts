import type { Command } from './message';
import type { EvidenceKind, IncidentSource, ImpactLevel, ResolutionCode, UrgencyLevel } from './vocabulary';

export type LogIncident = Command<
  'LogIncident',
  {
    incidentId: string;
    title: string;
    description: string;
    source: IncidentSource;
    occurredAt?: string;
    detectedAt?: string;
  }
>;
export type CategorizeIncident = Command<
  'CategorizeIncident',
  { incidentId: string; category: string; subcategories: string[] }
>;
export type PrioritizeIncident = Command<
  'PrioritizeIncident',
  { incidentId: string; impact: ImpactLevel; urgency: UrgencyLevel }
>;
export type AssignIncident = Command<
  'AssignIncident',
  { incidentId: string; assignee: string; team?: string }
>;
export type ContainIncident = Command<'ContainIncident', { incidentId: string; summary: string }>;
export type EradicateIncident = Command<
  'EradicateIncident',
  { incidentId: string; summary: string; justification?: string }
>;
export type RecoverIncident = Command<'RecoverIncident', { incidentId: string; summary: string }>;
export type CloseIncident = Command<
  'CloseIncident',
  { incidentId: string; resolutionCode: ResolutionCode; summary: string }
>;
export type ReviewIncident = Command<
  'ReviewIncident',
  { incidentId: string; rootCause: string; lessonsLearned: string; actions: string[] }
>;
export type RejectIncident = Command<'RejectIncident', { incidentId: string; reason: string }>;
export type ReopenIncident = Command<'ReopenIncident', { incidentId: string; reason: string }>;
export type AddNote = Command<
  'AddNote',
  { incidentId: string; noteId: string; text: string; correctsNoteId?: string }
>;

export type RegisterEvidence = Command<
  'RegisterEvidence',
  {
    incidentId: string;
    evidenceId: string;
    description: string;
    kind: EvidenceKind;
    /** SHA-256 of the item's content, 64 lowercase hex characters. */
    sha256: string;
    sizeBytes: number;
    /** Where it was collected from: a host, an account, a mailbox. */
    source: string;
    /** Who collected it; its first custodian. */
    collectedBy: string;
    collectedAt: string;
    storageLocation: string;
  }
>;
export type TransferCustody = Command<
  'TransferCustody',
  { incidentId: string; evidenceId: string; from: string; to: string; purpose: string }
>;
export type ReleaseEvidence = Command<
  'ReleaseEvidence',
  { incidentId: string; evidenceId: string; releasedTo: string; authority: string; reason: string }
>;
export type DisposeEvidence = Command<
  'DisposeEvidence',
  { incidentId: string; evidenceId: string; method: string; authority: string; reason: string }
>;

export type IncidentCommand =
  | LogIncident
  | CategorizeIncident
  | PrioritizeIncident
  | AssignIncident
  | ContainIncident
  | EradicateIncident
  | RecoverIncident
  | CloseIncident
  | ReviewIncident
  | RejectIncident
  | ReopenIncident
  | AddNote
  | RegisterEvidence
  | TransferCustody
  | ReleaseEvidence
  | DisposeEvidence;

export type IncidentCommandType = IncidentCommand['type'];

// A Record, not an array literal, so adding or removing a command is a compile error here.
const COMMAND_TYPES: Readonly<Record<IncidentCommandType, true>> = {
  LogIncident: true,
  CategorizeIncident: true,
  PrioritizeIncident: true,
  AssignIncident: true,
  ContainIncident: true,
  EradicateIncident: true,
  RecoverIncident: true,
  CloseIncident: true,
  ReviewIncident: true,
  RejectIncident: true,
  ReopenIncident: true,
  AddNote: true,
  RegisterEvidence: true,
  TransferCustody: true,
  ReleaseEvidence: true,
  DisposeEvidence: true,
};

/** Every command type, in lifecycle order; error messages and docs list allowed commands in this order. */
export const INCIDENT_COMMAND_TYPES = Object.freeze(Object.keys(COMMAND_TYPES) as IncidentCommandType[]);
