import type { Command } from './message';
import type { IncidentSource, ImpactLevel, ResolutionCode, UrgencyLevel } from './vocabulary';

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
  | AddNote;

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
};

/** Every command type, in lifecycle order; error messages and docs list allowed commands in this order. */
export const INCIDENT_COMMAND_TYPES = Object.freeze(Object.keys(COMMAND_TYPES) as IncidentCommandType[]);
