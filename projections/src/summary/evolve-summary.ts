import { assertUnreachable, type IncidentEvent, type IncidentStatus } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';
import { encodeBigint } from '../shared/bigint';
import { assignCoreFields, CORE_FIELDS, coreFieldsOf, evolveCore, type IncidentCore } from '../shared/incident-core';
import { checkRevision } from '../shared/revision-guard';
import { hasKeysInOrder } from '../shared/shape';
import { toEpochMs } from '../shared/time';
import {
  reprioritizeClock,
  restartClock,
  slaStatus,
  startClocks,
  stopClock,
  type SlaClocks,
} from '../sla/sla-clock';
import type { SlaPolicy } from '../sla/sla-policy';
import type { IncidentSla, IncidentSummary, PhaseTimes } from './incident-summary';

export const INCIDENT_SUMMARY = 'incident-summary';

const NO_PHASES: Readonly<Record<IncidentStatus, PhaseTimes | null>> = {
  logged: null,
  triaged: null,
  assigned: null,
  contained: null,
  eradicated: null,
  recovered: null,
  closed: null,
  reviewed: null,
  rejected: null,
};

const PHASE_FIELDS: readonly string[] = Object.freeze(Object.keys(NO_PHASES));
const PHASE_TIMES_FIELDS: readonly string[] = Object.freeze(['firstReachedAt', 'lastReachedAt', 'count']);
const CLOCKS_FIELDS: readonly string[] = Object.freeze(['response', 'resolution']);

const enter = (phase: PhaseTimes | null, at: string): PhaseTimes => {
  if (phase === null) return { firstReachedAt: at, lastReachedAt: at, count: 1 };
  return hasKeysInOrder(phase, PHASE_TIMES_FIELDS)
    ? { firstReachedAt: phase.firstReachedAt, lastReachedAt: at, count: phase.count + 1 }
    : { ...phase, lastReachedAt: at, count: phase.count + 1 };
};

type Phases = IncidentSummary['phases'];

/** `{ ...phases, [status]: times }`, as a literal when the phases have their usual fields (shared/shape.ts). */
const withPhase = (phases: Phases, status: IncidentStatus, times: PhaseTimes): Phases => {
  if (!hasKeysInOrder(phases, PHASE_FIELDS)) return { ...phases, [status]: times };
  const next = {
    logged: phases.logged,
    triaged: phases.triaged,
    assigned: phases.assigned,
    contained: phases.contained,
    eradicated: phases.eradicated,
    recovered: phases.recovered,
    closed: phases.closed,
    reviewed: phases.reviewed,
    rejected: phases.rejected,
  };
  next[status] = times;
  return next;
};

/** `{ ...clocks, response }` (or resolution), as a literal when it can be. */
const withClock = (clocks: SlaClocks, which: keyof SlaClocks, cycles: SlaClocks[keyof SlaClocks]): SlaClocks => {
  if (!hasKeysInOrder(clocks, CLOCKS_FIELDS)) return { ...clocks, [which]: cycles };
  return which === 'response'
    ? { response: cycles, resolution: clocks.resolution }
    : { response: clocks.response, resolution: cycles };
};

/**
 * When each SLA clock stops and restarts (see docs/projections.md, "SLA"):
 * response stops at the first assignment or a rejection; resolution at recovery, closure or rejection.
 * A reopen restarts resolution; a reopen from rejected restarts response too.
 */
const evolveClocks = (
  clocks: SlaClocks,
  before: IncidentCore,
  after: IncidentCore,
  event: IncidentEvent,
  at: string,
): SlaClocks => {
  switch (event.type) {
    case 'IncidentLogged':
      return startClocks(at, null);
    case 'IncidentPrioritized':
      return {
        response: reprioritizeClock(clocks.response, event.data.priority),
        resolution: reprioritizeClock(clocks.resolution, event.data.priority),
      };
    case 'IncidentAssigned':
      return withClock(clocks, 'response', stopClock(clocks.response, at));
    case 'IncidentRecovered':
      return withClock(clocks, 'resolution', stopClock(clocks.resolution, at));
    case 'IncidentClosed':
    case 'IncidentRejected':
      return { response: stopClock(clocks.response, at), resolution: stopClock(clocks.resolution, at) };
    case 'IncidentReopened':
      return {
        response:
          before.status === 'rejected' ? restartClock(clocks.response, at, after.priority) : clocks.response,
        resolution: restartClock(clocks.resolution, at, after.priority),
      };
    case 'IncidentCategorized':
    case 'IncidentContained':
    case 'IncidentEradicated':
    case 'IncidentReviewed':
    case 'NoteAdded':
    case 'EvidenceRegistered':
    case 'CustodyTransferred':
    case 'EvidenceReleased':
    case 'EvidenceDisposed':
      return clocks;
    default:
      return assertUnreachable(event);
  }
};

/*
 * Documents here are built as explicit literals rather than spreads: on Node 20, `{ ...core, id, … }`
 * (fields added after a spread) measured tens of microseconds for a new summary, and a spread that
 * only overwrites fields still several times a literal (see shared/shape.ts). Property order is the
 * stored key order: keep it.
 */

const stampSla = (clocks: SlaClocks, evaluatedAt: string, policy: SlaPolicy): IncidentSla => {
  const status = slaStatus({ sla: { clocks } }, policy, evaluatedAt);
  return {
    policyVersion: status.policyVersion,
    responseDueAt: status.responseDueAt,
    resolutionDueAt: status.resolutionDueAt,
    responseStoppedAt: status.responseStoppedAt,
    resolutionStoppedAt: status.resolutionStoppedAt,
    responseBreached: status.responseBreached,
    resolutionBreached: status.resolutionBreached,
    breachAt: status.breachAt,
    evaluatedAt,
    clocks,
  };
};

const laterOf = (a: string, b: string): string => (toEpochMs(b) > toEpochMs(a) ? b : a);

const created = (event: LedgerEvent, policy: SlaPolicy): IncidentSummary => {
  if (event.type !== 'IncidentLogged') throw new Error(`Cannot create a summary from ${event.type}`);
  const { occurredAt, recordedAt } = event.metadata;
  const core = evolveCore(null, event);
  return {
    status: core.status,
    title: core.title,
    reporter: core.reporter,
    category: core.category,
    subcategories: core.subcategories,
    priority: core.priority,
    impact: core.impact,
    urgency: core.urgency,
    assignee: core.assignee,
    team: core.team,
    resolutionCode: core.resolutionCode,
    reopenCount: core.reopenCount,
    id: event.data.incidentId,
    incidentId: event.data.incidentId,
    stream: event.stream,
    description: event.data.description,
    source: event.data.source,
    incidentOccurredAt: event.data.occurredAt ?? null,
    detectedAt: event.data.detectedAt ?? null,
    taxonomyVersion: null,
    matrixVersion: null,
    openedAt: occurredAt,
    loggedAt: recordedAt,
    phases: { ...NO_PHASES, logged: enter(null, occurredAt) },
    lastReopenedAt: null,
    closedAt: null,
    rejectionReason: null,
    noteCount: 0,
    evidenceCount: 0,
    sla: stampSla(startClocks(occurredAt, null), occurredAt, policy),
    lastEventType: event.type,
    lastEventAt: occurredAt,
    lastRecordedAt: recordedAt,
    lastRevision: encodeBigint(event.revision),
    lastPosition: encodeBigint(event.position),
    lastEventId: event.eventId,
  };
};

const marker = (event: LedgerEvent) => ({
  lastEventType: event.type,
  lastEventAt: event.metadata.occurredAt,
  lastRecordedAt: event.metadata.recordedAt,
  lastRevision: encodeBigint(event.revision),
  lastPosition: encodeBigint(event.position),
  lastEventId: event.eventId,
});

/** Fields only the summary keeps, beyond the shared core. */
const details = (summary: IncidentSummary, event: IncidentEvent, at: string): Partial<IncidentSummary> => {
  switch (event.type) {
    case 'IncidentCategorized':
      return { taxonomyVersion: event.data.taxonomyVersion };
    case 'IncidentPrioritized':
      return { matrixVersion: event.data.matrixVersion };
    case 'IncidentClosed':
      return { closedAt: at };
    case 'IncidentRejected':
      return { rejectionReason: event.data.reason };
    case 'IncidentReopened':
      return { closedAt: null, rejectionReason: null, lastReopenedAt: at };
    case 'NoteAdded':
      return { noteCount: summary.noteCount + 1 };
    case 'EvidenceRegistered':
      // Summaries written before evidence existed lack the field; none of them had any evidence.
      return { evidenceCount: (summary.evidenceCount ?? 0) + 1 };
    case 'CustodyTransferred':
    case 'EvidenceReleased':
    case 'EvidenceDisposed':
    case 'IncidentLogged':
    case 'IncidentAssigned':
    case 'IncidentContained':
    case 'IncidentEradicated':
    case 'IncidentRecovered':
    case 'IncidentReviewed':
      return {};
    default:
      return assertUnreachable(event);
  }
};

/**
 * Pure: the summary after `event`. Returns `summary` itself (same reference) when the event was
 * already applied; throws ProjectionOrderError on a gap in the incident's revisions.
 */
export const evolveIncidentSummary = (
  summary: IncidentSummary | null,
  event: LedgerEvent,
  policy: SlaPolicy,
): IncidentSummary => {
  const incidentId = event.data.incidentId;
  const check = checkRevision(INCIDENT_SUMMARY, incidentId, summary?.lastRevision ?? null, event.revision);
  if (check === 'already-applied' && summary !== null) return summary;
  if (summary === null) return created(event, policy);

  const at = event.metadata.occurredAt;
  // Summaries as this code writes them take the literal path; any other shape (an older document
  // lacking a field, say) the spreads, which keep its fields and their order exactly.
  if (!hasKeysInOrder(summary, SUMMARY_FIELDS)) return evolveBySpreads(summary, event, policy, at);
  const core = evolveCore(coreFieldsOf(summary), event);
  const entered = core.status !== summary.status;
  const clocks = evolveClocks(summary.sla.clocks, summary, core, event, at);
  // What the spreads below give: every field is already there, so each keeps its place.
  const next = copySummary(summary);
  assignCoreFields(next, core);
  Object.assign(next, details(summary, event, at));
  if (entered) next.phases = withPhase(summary.phases, core.status, enter(summary.phases[core.status], at));
  next.sla = stampSla(clocks, laterOf(summary.sla.evaluatedAt, at), policy);
  next.lastEventType = event.type;
  next.lastEventAt = event.metadata.occurredAt;
  next.lastRecordedAt = event.metadata.recordedAt;
  next.lastRevision = encodeBigint(event.revision);
  next.lastPosition = encodeBigint(event.position);
  next.lastEventId = event.eventId;
  return next;
};

const evolveBySpreads = (summary: IncidentSummary, event: IncidentEvent & LedgerEvent, policy: SlaPolicy, at: string): IncidentSummary => {
  const core = evolveCore(summary, event);
  const entered = core.status !== summary.status;
  const clocks = evolveClocks(summary.sla.clocks, summary, core, event, at);
  return {
    ...summary,
    ...core,
    ...details(summary, event, at),
    phases: entered
      ? { ...summary.phases, [core.status]: enter(summary.phases[core.status], at) }
      : summary.phases,
    sla: stampSla(clocks, laterOf(summary.sla.evaluatedAt, at), policy),
    ...marker(event),
  };
};

type MutableSummary = { -readonly [K in keyof IncidentSummary]: IncidentSummary[K] };

/** The fields of a summary in the order `created` writes them (and every later version keeps). */
export const SUMMARY_FIELDS: readonly (keyof IncidentSummary)[] = Object.freeze([
  ...CORE_FIELDS,
  'id',
  'incidentId',
  'stream',
  'description',
  'source',
  'incidentOccurredAt',
  'detectedAt',
  'taxonomyVersion',
  'matrixVersion',
  'openedAt',
  'loggedAt',
  'phases',
  'lastReopenedAt',
  'closedAt',
  'rejectionReason',
  'noteCount',
  'evidenceCount',
  'sla',
  'lastEventType',
  'lastEventAt',
  'lastRecordedAt',
  'lastRevision',
  'lastPosition',
  'lastEventId',
]);

/** `{ ...summary }` for a summary with exactly SUMMARY_FIELDS, as a literal (same fields, same order). */
export const copySummary = (summary: IncidentSummary): MutableSummary => ({
  status: summary.status,
  title: summary.title,
  reporter: summary.reporter,
  category: summary.category,
  subcategories: summary.subcategories,
  priority: summary.priority,
  impact: summary.impact,
  urgency: summary.urgency,
  assignee: summary.assignee,
  team: summary.team,
  resolutionCode: summary.resolutionCode,
  reopenCount: summary.reopenCount,
  id: summary.id,
  incidentId: summary.incidentId,
  stream: summary.stream,
  description: summary.description,
  source: summary.source,
  incidentOccurredAt: summary.incidentOccurredAt,
  detectedAt: summary.detectedAt,
  taxonomyVersion: summary.taxonomyVersion,
  matrixVersion: summary.matrixVersion,
  openedAt: summary.openedAt,
  loggedAt: summary.loggedAt,
  phases: summary.phases,
  lastReopenedAt: summary.lastReopenedAt,
  closedAt: summary.closedAt,
  rejectionReason: summary.rejectionReason,
  noteCount: summary.noteCount,
  evidenceCount: summary.evidenceCount,
  sla: summary.sla,
  lastEventType: summary.lastEventType,
  lastEventAt: summary.lastEventAt,
  lastRecordedAt: summary.lastRecordedAt,
  lastRevision: summary.lastRevision,
  lastPosition: summary.lastPosition,
  lastEventId: summary.lastEventId,
});
