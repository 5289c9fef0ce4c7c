import { evolve, type IncidentEvent, type IncidentState } from '@ledger/domain';
import { describeEvent, evolveCore, type IncidentCore, isIncidentEvent } from '@ledger/projections';
import type { LedgerEvent } from '@ledger/ledger';

/** What the replay keeps between events: the domain state and the projections' core (for describeEvent). */
export type FoldState = Readonly<{ state: IncidentState; core: IncidentCore | null }>;

export type FoldResult = FoldState & Readonly<{ what: string }>;

/**
 * Applies one event: the state from the domain's evolve, the one-line summary from the timeline
 * projection's describeEvent (so the replay and the timeline say the same thing). An event type this
 * code does not know (written by a newer version) is listed but leaves the state as it was, and says so,
 * rather than aborting an audit of everything after it.
 */
export const foldStep = (before: FoldState, event: LedgerEvent): FoldResult => {
  const recorded: { readonly type: string } = event;
  if (!isIncidentEvent(recorded)) {
    return { ...before, what: `${recorded.type} (an event type this version does not know; state not changed)` };
  }
  const incidentEvent = event as IncidentEvent;
  return {
    state: evolve(before.state, incidentEvent),
    core: evolveCore(before.core, incidentEvent),
    what: describeEvent(incidentEvent, before.core),
  };
};
