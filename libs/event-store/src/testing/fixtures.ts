import { randomUUID } from 'node:crypto';
import type { AppendResult, EventStore, EventToAppend, JsonObject, RecordedEvent } from '../event-store';

/** A stream no other test (or other data in a shared server) uses. */
export const newStream = (): string => `incident-${randomUUID()}`;

export const newEvent = (
  data: JsonObject = { n: 0 },
  type = 'ContractTestEvent',
  metadata: JsonObject = { test: 'event-store-contract' },
): EventToAppend => ({ eventId: randomUUID(), type, data, metadata });

/** `count` events whose data carries their index, to check order. */
export const newEvents = (count: number, offset = 0): EventToAppend[] =>
  Array.from({ length: count }, (_, i) => newEvent({ n: offset + i }));

/** Appends one event to a fresh stream; its position is a bound "before/after everything of this test". */
export const appendMarker = (store: EventStore): Promise<AppendResult> =>
  store.append(newStream(), [newEvent({ marker: true })], 'no_stream');

/** Keeps only the events of the given streams; other writers may share the store. */
export const ownEvents = (events: readonly RecordedEvent[], streams: Iterable<string>): RecordedEvent[] => {
  const wanted = new Set(streams);
  return events.filter((event) => wanted.has(event.stream));
};

export const eventIds = (events: readonly { eventId: string }[]): string[] =>
  events.map((event) => event.eventId);

/** Awaits a rejection and returns the error, failing if the promise fulfils. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('Expected a rejection, but the promise fulfilled');
}
