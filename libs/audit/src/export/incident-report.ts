import type { Actor, IncidentState } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';
import { replayIncident } from '../replay/replay-incident';
import type { StateChange } from '../replay/replay-types';
import { buildCustodyChains, type CustodyChain } from './custody-chain';
import type { IncidentStreamSnapshot } from './stream-snapshot';

/** When something happened and when the ledger recorded it, both ISO 8601 UTC. */
export type EventTimes = Readonly<{ occurredAt: string; recordedAt: string }>;

/** The incident at a glance, as of the export. */
export type IncidentOverview = Readonly<{
  incidentId: string;
  title: string;
  description: string;
  status: string;
  category: string | null;
  subcategories: readonly string[];
  priority: string | null;
  assignee: string | null;
  team: string | null;
  reporter: string | null;
  /** The IncidentLogged event's times. */
  opened: EventTimes | null;
  /** The last IncidentClosed (or IncidentRejected) of the current cycle; null while open. */
  closed: (EventTimes & Readonly<{ resolution: string }>) | null;
  reopenCount: number;
  eventCount: number;
  evidenceCount: number;
}>;

/** One line of the lifecycle timeline. */
export type TimelineItem = Readonly<{
  incidentId: string;
  stream: string;
  revision: string;
  position: string;
  eventId: string;
  type: string;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  what: string;
  changes: readonly StateChange[];
  prevHash: string;
  hash: string;
  correlationId: string;
  causationId: string;
}>;

/** Everything the export says about one incident. */
export type IncidentReport = Readonly<{
  snapshot: IncidentStreamSnapshot;
  overview: IncidentOverview;
  timeline: readonly TimelineItem[];
  custody: readonly CustodyChain[];
}>;

const timesOf = (event: LedgerEvent): EventTimes => ({
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
});

const closureOf = (state: IncidentState, events: readonly LedgerEvent[]): IncidentOverview['closed'] => {
  if (!['closed', 'reviewed', 'rejected'].includes(state.status)) return null;
  const last = [...events].reverse().find((event) => event.type === 'IncidentClosed' || event.type === 'IncidentRejected');
  if (last === undefined) return null;
  const resolution = state.status === 'rejected' ? `rejected: ${state.rejectionReason ?? ''}` : (state.resolution?.code ?? '');
  return { ...timesOf(last), resolution };
};

const overviewOf = (incidentId: string, state: IncidentState, events: readonly LedgerEvent[]): IncidentOverview => {
  const logged = events.find((event) => event.type === 'IncidentLogged');
  return {
    incidentId,
    title: state.title ?? '',
    description: state.description ?? '',
    status: state.status,
    category: state.category ?? null,
    subcategories: state.subcategories,
    priority: state.priority?.priority ?? null,
    assignee: state.assignee ?? null,
    team: state.team ?? null,
    reporter: state.reporter ?? null,
    opened: logged ? timesOf(logged) : null,
    closed: closureOf(state, events),
    reopenCount: state.reopenCount,
    eventCount: events.length,
    evidenceCount: Object.keys((state as { evidence?: object }).evidence ?? {}).length,
  };
};

/** Builds the human-readable sections of one incident from its stream, reusing the replay fold. */
export const buildIncidentReport = (snapshot: IncidentStreamSnapshot): IncidentReport => {
  const { incidentId, stream, events } = snapshot;
  const replay = replayIncident(incidentId, stream, events);
  const timeline = replay.steps.map((step, index): TimelineItem => {
    const { correlationId, causationId } = events[index]!.metadata;
    const { state: _state, ...entry } = step;
    return { incidentId, stream, ...entry, correlationId, causationId };
  });
  const finalState = replay.steps.at(-1)?.state;
  return {
    snapshot,
    overview: overviewOf(incidentId, finalState ?? ({ status: 'none' } as IncidentState), events),
    timeline,
    custody: buildCustodyChains(incidentId, events),
  };
};
