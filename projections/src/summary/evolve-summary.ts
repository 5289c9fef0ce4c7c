import { assertUnreachable, type IncidentEvent, type IncidentStatus } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';
import { encodeBigint } from '../shared/bigint';
import { evolveCore, type IncidentCore } from '../shared/incident-core';
import { checkRevision } from '../shared/revision-guard';
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

const enter = (phase: PhaseTimes | null, at: string): PhaseTimes =>
  phase === null
    ? { firstReachedAt: at, lastReachedAt: at, count: 1 }
    : { ...phase, lastReachedAt: at, count: phase.count + 1 };

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
      return { ...clocks, response: stopClock(clocks.response, at) };
    case 'IncidentRecovered':
      return { ...clocks, resolution: stopClock(clocks.resolution, at) };
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

const stampSla = (clocks: SlaClocks, evaluatedAt: string, policy: SlaPolicy): IncidentSla => ({
  ...slaStatus({ sla: { clocks } }, policy, evaluatedAt),
  evaluatedAt,
  clocks,
});

const laterOf = (a: string, b: string): string => (toEpochMs(b) > toEpochMs(a) ? b : a);

const created = (event: LedgerEvent, policy: SlaPolicy): IncidentSummary => {
  if (event.type !== 'IncidentLogged') throw new Error(`Cannot create a summary from ${event.type}`);
  const { occurredAt, recordedAt } = event.metadata;
  const core = evolveCore(null, event);
  return {
    ...core,
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
    ...marker(event),
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
