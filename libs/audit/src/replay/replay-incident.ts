import { initialIncidentState } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';
import { foldStep, type FoldState } from './describe-step';
import type { IncidentReplay, ReplayOptions, ReplayStep } from './replay-types';
import { diffState } from './state-diff';

const recordedBy = (event: LedgerEvent, asOf: Date | undefined): boolean =>
  asOf === undefined || Date.parse(event.metadata.recordedAt) <= asOf.getTime();

/**
 * Replays an incident's events (one stream, in revision order): the state after each event and what it changed.
 * With `asOf`, the replay stops at the first event recorded after that instant, i.e. it shows what the
 * ledger knew then. Pure: the caller loads the events.
 */
export const replayIncident = (
  incidentId: string,
  stream: string,
  events: readonly LedgerEvent[],
  options: ReplayOptions = {},
): IncidentReplay => {
  const { asOf } = options;
  const cut = events.findIndex((event) => !recordedBy(event, asOf));
  const known = cut === -1 ? events : events.slice(0, cut);
  let fold: FoldState = { state: initialIncidentState(), core: null };
  const steps: ReplayStep[] = known.map((event) => {
    const next = foldStep(fold, event);
    const changes = diffState(fold.state, next.state);
    fold = next;
    const { metadata } = event;
    return {
      revision: event.revision.toString(),
      position: event.position.toString(),
      eventId: event.eventId,
      type: event.type,
      actor: { id: metadata.actor.id, name: metadata.actor.name },
      occurredAt: metadata.occurredAt,
      recordedAt: metadata.recordedAt,
      prevHash: metadata.prevHash,
      hash: metadata.hash,
      what: next.what,
      changes,
      state: next.state,
    };
  });
  return {
    incidentId,
    stream,
    ...(asOf !== undefined && { asOf: asOf.toISOString() }),
    totalEvents: events.length,
    ...(events[0] !== undefined && { firstRecordedAt: events[0].metadata.recordedAt }),
    steps,
  };
};
