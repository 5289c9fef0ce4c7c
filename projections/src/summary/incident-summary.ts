import type {
  IncidentEventType,
  IncidentSource,
  IncidentStatus,
} from '@ledger/domain';
import type { DecimalString } from '../shared/bigint';
import type { IncidentCore } from '../shared/incident-core';
import type { SlaClocks, SlaStatus } from '../sla/sla-clock';

/** When the incident entered one status. Times are business time (the events' occurredAt). */
export type PhaseTimes = Readonly<{
  firstReachedAt: string;
  /** The latest entry in revision order, i.e. the current cycle's after a reopen. */
  lastReachedAt: string;
  /** Times entered; above 1 only after reopens. */
  count: number;
}>;

/**
 * SLA state stamped into the summary: verdicts evaluated at `evaluatedAt` under the policy in the
 * projection context, plus the clocks they came from. For the live answer call
 * `slaStatus(summary, policy, now)`; in a store query, "breached now" is
 * `responseBreached || (responseStoppedAt == null && responseDueAt < now)` (same for resolution).
 */
export type IncidentSla = SlaStatus &
  Readonly<{
    /** The latest business time among the applied events. */
    evaluatedAt: string;
    clocks: SlaClocks;
  }>;

/**
 * The analysts' view of one incident. Document id = incidentId.
 * Revisions and positions are decimal strings (JSON-safe bigints).
 */
export type IncidentSummary = IncidentCore &
  Readonly<{
    id: string;
    incidentId: string;
    stream: string;
    description: string;
    source: IncidentSource;
    /** When the incident itself occurred or was detected, as reported at logging (may predate openedAt). */
    incidentOccurredAt: string | null;
    detectedAt: string | null;
    taxonomyVersion: string | null;
    matrixVersion: string | null;
    /** Business time of IncidentLogged: when the incident was opened. SLA clocks start here. */
    openedAt: string;
    /** Recorded time of IncidentLogged. */
    loggedAt: string;
    /** Entry times per status; null for a status never reached. */
    phases: Readonly<Record<IncidentStatus, PhaseTimes | null>>;
    lastReopenedAt: string | null;
    /** Business time of the current closure; null while open (again). */
    closedAt: string | null;
    rejectionReason: string | null;
    /** Notes added, corrections included. */
    noteCount: number;
    /** Evidence items registered, whether still held, released or disposed of. */
    evidenceCount: number;
    sla: IncidentSla;
    lastEventType: IncidentEventType;
    /** Business time of the last applied event. */
    lastEventAt: string;
    lastRecordedAt: string;
    /** Idempotency marker: events at or below this stream revision are skipped. */
    lastRevision: DecimalString;
    /** Global position of the last applied event. */
    lastPosition: DecimalString;
    lastEventId: string;
  }>;
