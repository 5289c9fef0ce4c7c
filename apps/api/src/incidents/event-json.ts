import type { LedgerEvent } from '@ledger/ledger';

/** A ledger event as JSON: revisions and positions become decimal strings. */
export type EventJson = Readonly<{
  eventId: string;
  type: string;
  stream: string;
  revision: string;
  position: string;
  schemaVersion: number;
  data: unknown;
  metadata: LedgerEvent['metadata'];
}>;

export const toEventJson = (event: LedgerEvent): EventJson => ({
  eventId: event.eventId,
  type: event.type,
  stream: event.stream,
  revision: event.revision.toString(),
  position: event.position.toString(),
  schemaVersion: event.metadata.schemaVersion,
  data: event.data,
  metadata: event.metadata,
});
