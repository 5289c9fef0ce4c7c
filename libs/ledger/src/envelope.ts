import type { Actor, IncidentEvent } from '@ledger/domain';

/** Envelope metadata stored with every event (in the store's metadata field). */
export type EnvelopeMetadata = Readonly<{
  schemaVersion: number;
  actor: Actor;
  commandId: string;
  /** Digest of the request that carried the command; tells a retry from a reused idempotency key. */
  commandFingerprint: string;
  correlationId: string;
  causationId: string;
  /** When the action happened (client-supplied or the server clock), ISO 8601 UTC. */
  occurredAt: string;
  /** The server clock when the event was recorded, ISO 8601 UTC. */
  recordedAt: string;
  /** Hash of the previous event in the same stream; 64 zeros for the first. */
  prevHash: string;
  /** SHA-256 (hex) of this event's canonical form, which includes prevHash. */
  hash: string;
}>;

/**
 * A ledger event as read back: the domain event (already upcast to the current schema)
 * with its place in the store and its envelope.
 */
export type LedgerEvent<E extends IncidentEvent = IncidentEvent> = E &
  Readonly<{
    stream: string;
    revision: bigint;
    position: bigint;
    eventId: string;
    metadata: EnvelopeMetadata;
  }>;

export const GENESIS_HASH = '0'.repeat(64);
