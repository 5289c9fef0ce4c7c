import {
  assertUnreachable,
  type ImpactLevel,
  type IncidentEvent,
  type IncidentStatus,
  type PriorityCode,
  type ResolutionCode,
  type UrgencyLevel,
} from '@ledger/domain';
import { hasKeysInOrder } from './shape';

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

type MutableCore = { -readonly [K in keyof IncidentCore]: IncidentCore[K] };

/** The core's fields in their order (evolveCore builds every core in this order). */
export const CORE_FIELDS: readonly (keyof IncidentCore)[] = Object.freeze([
  'status',
  'title',
  'reporter',
  'category',
  'subcategories',
  'priority',
  'impact',
  'urgency',
  'assignee',
  'team',
  'resolutionCode',
  'reopenCount',
]);

/**
 * A fresh copy to change: what `{ ...core }` gives, built as a literal when `core` has exactly the
 * core's fields in order (see shared/shape.ts).
 */
const copyCore = (core: IncidentCore): MutableCore =>
  hasKeysInOrder(core, CORE_FIELDS) ? coreFieldsOf(core) : { ...core };

/** Just the core's fields of `source` (an IncidentCore or any superset, e.g. a summary), as a literal. */
export const coreFieldsOf = (source: IncidentCore): MutableCore => ({
  status: source.status,
  title: source.title,
  reporter: source.reporter,
  category: source.category,
  subcategories: source.subcategories,
  priority: source.priority,
  impact: source.impact,
  urgency: source.urgency,
  assignee: source.assignee,
  team: source.team,
  resolutionCode: source.resolutionCode,
  reopenCount: source.reopenCount,
});

/** Sets the core's fields of `target` from `core`, in place (keeps the target's field order). */
export const assignCoreFields = (target: MutableCore, core: IncidentCore): void => {
  const to = target as Record<keyof IncidentCore, unknown>;
  for (const field of CORE_FIELDS) to[field] = core[field];
};

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
  // Each case changes a fresh copy (the same result as `{ ...core, field: value }`, faster).
  switch (event.type) {
    case 'IncidentCategorized': {
      const next = copyCore(core);
      next.category = event.data.category;
      next.subcategories = [...event.data.subcategories];
      if (core.status === 'logged') next.status = triageStatus(next);
      return next;
    }
    case 'IncidentPrioritized': {
      const next = copyCore(core);
      next.priority = event.data.priority;
      next.impact = event.data.impact;
      next.urgency = event.data.urgency;
      if (core.status === 'logged') next.status = triageStatus(next);
      return next;
    }
    case 'IncidentAssigned': {
      const next = copyCore(core);
      next.assignee = event.data.assignee;
      // The team belongs to the assignment: reassigning without one clears the old team.
      next.team = event.data.team ?? null;
      // Reassignment later in the response does not move the status.
      if (core.status === 'logged' || core.status === 'triaged') next.status = 'assigned';
      return next;
    }
    case 'IncidentContained':
      return withStatus(core, 'contained');
    case 'IncidentEradicated':
      return withStatus(core, 'eradicated');
    case 'IncidentRecovered':
      return withStatus(core, 'recovered');
    case 'IncidentClosed': {
      const next = copyCore(core);
      next.status = 'closed';
      next.resolutionCode = event.data.resolutionCode;
      return next;
    }
    case 'IncidentReviewed':
      return withStatus(core, 'reviewed');
    case 'IncidentRejected':
      return withStatus(core, 'rejected');
    case 'IncidentReopened': {
      const next = copyCore(core);
      // A rejected report goes back to triage; a closed incident goes back into response.
      next.status = core.status === 'rejected' ? triageStatus(core) : 'assigned';
      next.resolutionCode = null;
      next.reopenCount = core.reopenCount + 1;
      return next;
    }
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

const withStatus = (core: IncidentCore, status: IncidentStatus): IncidentCore => {
  const next = copyCore(core);
  next.status = status;
  return next;
};
