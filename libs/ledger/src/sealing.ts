import { v7 as uuidv7 } from 'uuid';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import type { EnvelopeMetadata } from './envelope';
import { computeEventHash } from './hash-chain';

/** An event to seal: its type, data and the schema version of that data. */
export type UnsealedEvent = Readonly<{ type: string; data: JsonObject; schemaVersion: number }>;

/** The envelope fields shared by every event one command appends. */
export type SealContext = Omit<EnvelopeMetadata, 'schemaVersion' | 'prevHash' | 'hash'>;

/** Where the stream's chain ends: the revision and hash of its last event (undefined/genesis when empty). */
export type ChainHead = Readonly<{ revision: bigint | undefined; hash: string }>;

/**
 * Builds each event's envelope and chains its hash to the previous event of the stream.
 * Positions are 0 until the store assigns them.
 */
export const sealEvents = (
  stream: string,
  head: ChainHead,
  events: readonly UnsealedEvent[],
  context: SealContext,
): RecordedEvent[] => {
  let prevHash = head.hash;
  let revision = head.revision === undefined ? 0n : head.revision + 1n;
  return events.map((event) => {
    // Time-ordered ids keep the store's unique index append-mostly.
    const eventId = uuidv7();
    const unsigned: Omit<EnvelopeMetadata, 'hash'> = { ...context, schemaVersion: event.schemaVersion, prevHash };
    const hash = computeEventHash({
      stream,
      revision,
      eventId,
      type: event.type,
      data: event.data,
      metadata: unsigned as unknown as JsonObject,
    });
    const sealed: RecordedEvent = {
      stream,
      revision,
      position: 0n,
      eventId,
      type: event.type,
      data: event.data,
      metadata: { ...unsigned, hash } as unknown as JsonObject,
    };
    prevHash = hash;
    revision += 1n;
    return sealed;
  });
};
