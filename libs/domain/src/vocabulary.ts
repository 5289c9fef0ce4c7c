/** Closed vocabularies shared by commands, events and validation. */
export const INCIDENT_SOURCES = [
  'monitoring',
  'user-report',
  'third-party',
  'threat-intel',
  'other',
] as const;
export type IncidentSource = (typeof INCIDENT_SOURCES)[number];

export const IMPACT_LEVELS = [1, 2, 3] as const;
export type ImpactLevel = (typeof IMPACT_LEVELS)[number];
export const URGENCY_LEVELS = [1, 2, 3] as const;
export type UrgencyLevel = (typeof URGENCY_LEVELS)[number];

export const PRIORITY_CODES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type PriorityCode = (typeof PRIORITY_CODES)[number];

export const RESOLUTION_CODES = [
  'true-positive-with-impact',
  'true-positive-without-impact',
  'false-positive',
  'benign',
  'duplicate',
  'indeterminate',
] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const INCIDENT_STATUSES = [
  'logged',
  'triaged',
  'assigned',
  'contained',
  'eradicated',
  'recovered',
  'closed',
  'reviewed',
  'rejected',
] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

/** What an item of evidence is; anything else is 'other' with a description that says what. */
export const EVIDENCE_KINDS = [
  'disk-image',
  'memory-dump',
  'log-export',
  'network-capture',
  'file',
  'screenshot',
  'document',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Held until it leaves custody for good: released to someone outside, or disposed of. */
export const EVIDENCE_STATUSES = ['held', 'released', 'disposed'] as const;
export type EvidenceStatus = (typeof EVIDENCE_STATUSES)[number];
