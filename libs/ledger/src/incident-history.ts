import { evolve, initialIncidentState, type IncidentState } from '@ledger/domain';
import type { LedgerEvent } from './envelope';
import { GENESIS_HASH } from './envelope';

/** An incident's events and the state folded from them. */
export type IncidentHistory = Readonly<{
  incidentId: string;
  stream: string;
  events: readonly LedgerEvent[];
  state: IncidentState;
  /** Revision of the last event; undefined when the incident does not exist. */
  revision: bigint | undefined;
  /** Hash of the last event, which the next event must chain to. */
  headHash: string;
}>;

export const emptyHistory = (incidentId: string, stream: string): IncidentHistory => ({
  incidentId,
  stream,
  events: [],
  state: initialIncidentState(),
  revision: undefined,
  headHash: GENESIS_HASH,
});

/** Extends a history with newer events of the same stream, in order. */
export const extendHistory = (
  history: IncidentHistory,
  newer: readonly LedgerEvent[],
): IncidentHistory => {
  if (newer.length === 0) return history;
  const last = newer[newer.length - 1]!;
  return {
    ...history,
    events: [...history.events, ...newer],
    state: newer.reduce(evolve, history.state),
    revision: last.revision,
    headHash: last.metadata.hash,
  };
};
