import type { EvidenceMap } from './evidence';
import type {
  ImpactLevel,
  IncidentSource,
  IncidentStatus,
  PriorityCode,
  ResolutionCode,
  UrgencyLevel,
} from './vocabulary';

export type IncidentNote = Readonly<{
  noteId: string;
  text: string;
  author: string;
  correctsNoteId?: string;
}>;

/** The state `decide` needs, folded from an incident's events by `evolve`. */
export type IncidentState = Readonly<{
  /** 'none' until IncidentLogged. */
  status: IncidentStatus | 'none';
  incidentId?: string;
  title?: string;
  description?: string;
  source?: IncidentSource;
  reporter?: string;
  occurredAt?: string;
  detectedAt?: string;
  category?: string;
  subcategories: readonly string[];
  taxonomyVersion?: string;
  priority?: Readonly<{
    impact: ImpactLevel;
    urgency: UrgencyLevel;
    priority: PriorityCode;
    matrixVersion: string;
  }>;
  assignee?: string;
  team?: string;
  /** Contained since the response (re)started; eradicating without it needs a justification. */
  contained: boolean;
  resolution?: Readonly<{ code: ResolutionCode; summary: string }>;
  review?: Readonly<{ rootCause: string; lessonsLearned: string; actions: readonly string[] }>;
  rejectionReason?: string;
  reopenCount: number;
  notes: readonly IncidentNote[];
  /** Evidence items by evidenceId, each with its holder, status and custody history. */
  evidence: EvidenceMap;
}>;

export const initialIncidentState = (): IncidentState => ({
  status: 'none',
  subcategories: [],
  contained: false,
  reopenCount: 0,
  notes: [],
  evidence: {},
});
