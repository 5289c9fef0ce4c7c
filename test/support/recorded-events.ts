import type { RecordedEvent } from '@ledger/event-store';

/** Rebuilds stored events from the HTTP history (strings back to bigint), to check hashes as a client would. */
export const toRecorded = (events: any[]): RecordedEvent[] =>
  events.map((event) => ({
    stream: event.stream,
    revision: BigInt(event.revision),
    position: BigInt(event.position),
    eventId: event.eventId,
    type: event.type,
    data: event.data,
    metadata: event.metadata,
  }));
