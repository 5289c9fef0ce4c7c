import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject } from '@ledger/event-store';

/** The fields of a stored event that its hash covers: everything but the hash itself. */
export type HashInput = Readonly<{
  stream: string;
  revision: bigint;
  eventId: string;
  type: string;
  data: JsonObject;
  /** Envelope metadata without `hash`; includes prevHash, which is what chains the events. */
  metadata: JsonObject;
}>;

/**
 * SHA-256 (hex) of the RFC 8785 canonical JSON of an event. The global position is left out on purpose:
 * the store assigns it after hashing, and EventStoreDB may assign it differently on restore.
 */
export const computeEventHash = (input: HashInput): string => {
  const { hash: _ignored, ...metadata } = input.metadata;
  const canonical = canonicalize({
    stream: input.stream,
    revision: input.revision.toString(),
    eventId: input.eventId,
    type: input.type,
    data: input.data,
    metadata,
  });
  if (canonical === undefined) throw new Error(`Event ${input.eventId} cannot be canonicalized`);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
};
