import {
  assertUnreachable,
  type ImpactLevel,
  type IncidentEvent,
  type IncidentStatus,
  type PriorityCode,
  type ResolutionCode,
  type UrgencyLevel,
} from '@ledger/domain';

/**
 * The incident fields every projection follows (status, classification, ownership), folded from
 * the events alone. Projections do not use the domain's evolve: read models must keep working
 * on the recorded history even when the decision rules change.
 */
export type IncidentCore = Readonly<{
  status: IncidentStatus;
  title: string;
  reporter: string;
  category: string | null;
  subcategories: readonly string[];
  priority: PriorityCode | null;
  impact: ImpactLevel | null;
  urgency: UrgencyLevel | null;
  assignee: string | null;
  team: string | null;
  resolutionCode: ResolutionCode | null;
  reopenCount: number;
}>;

/** Statuses after which the incident needs no more work unless reopened. */
export const TERMINAL_STATUSES: readonly IncidentStatus[] = ['closed', 'reviewed', 'rejected'];

export const isOpenStatus = (status: IncidentStatus): boolean => !TERMINAL_STATUSES.includes(status);

// Triage is complete once the incident is both categorized and prioritized, in either order.
const triageStatus = (core: IncidentCore): IncidentStatus =>
  core.category !== null && core.priority !== null ? 'triaged' : 'logged';

/**
 * Applies one event. Returns the same object when nothing it tracks changes (notes, evidence),
 * so callers can tell "no change" by reference. Events follow the lifecycle the domain enforced
 * when it recorded them; this fold trusts them and never refuses one.
 * @throws Error for an event before IncidentLogged (a gap the projections' revision guard reports first).
 */
export const evolveCore = (core: IncidentCore | null, event: IncidentEvent): IncidentCore => {
  if (event.type === 'IncidentLogged') {
    return {
      status: 'logged',
      title: event.data.title,
      reporter: event.data.reporter,
      category: null,
      subcategories: [],
      priority: null,
      impact: null,
      urgency: null,
      assignee: null,
      team: null,
      resolutionCode: null,
      reopenCount: 0,
    };
  }
  if (core === null) {
    throw new Error(`${event.type} for incident ${event.data.incidentId} before IncidentLogged`);
  }
  switch (event.type) {
    case 'IncidentCategorized': {
      const next = { ...core, category: event.data.category, subcategories: [...event.data.subcategories] };
      return core.status === 'logged' ? { ...next, status: triageStatus(next) } : next;
    }
    case 'IncidentPrioritized': {
      const { priority, impact, urgency } = event.data;
      const next = { ...core, priority, impact, urgency };
      return core.status === 'logged' ? { ...next, status: triageStatus(next) } : next;
    }
    case 'IncidentAssigned': {
      // The team belongs to the assignment: reassigning without one clears the old team.
      const next = { ...core, assignee: event.data.assignee, team: event.data.team ?? null };
      // Reassignment later in the response does not move the status.
      return core.status === 'logged' || core.status === 'triaged' ? { ...next, status: 'assigned' } : next;
    }
    case 'IncidentContained':
      return { ...core, status: 'contained' };
    case 'IncidentEradicated':
      return { ...core, status: 'eradicated' };
    case 'IncidentRecovered':
      return { ...core, status: 'recovered' };
    case 'IncidentClosed':
      return { ...core, status: 'closed', resolutionCode: event.data.resolutionCode };
    case 'IncidentReviewed':
      return { ...core, status: 'reviewed' };
    case 'IncidentRejected':
      return { ...core, status: 'rejected' };
    case 'IncidentReopened':
      // A rejected report goes back to triage; a closed incident goes back into response.
      return {
        ...core,
        status: core.status === 'rejected' ? triageStatus(core) : 'assigned',
        resolutionCode: null,
        reopenCount: core.reopenCount + 1,
      };
    case 'NoteAdded':
    case 'EvidenceRegistered':
    case 'CustodyTransferred':
    case 'EvidenceReleased':
    case 'EvidenceDisposed':
      return core;
    default:
      return assertUnreachable(event);
  }
};
