import { hash } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { JsonObject } from '@ledger/event-store';
import { canonicalEventText } from './canonical-json';

/** What an event's hash covers (the same fields as @ledger/ledger's HashInput; revision as bigint or decimal text). */
export type EventHashInput = Readonly<{
  stream: string;
  revision: bigint | string;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}>;

/**
 * The event hash exactly as @ledger/ledger's computeEventHash defines it (SHA-256 of the JCS form of
 * {stream, revision as decimal text, eventId, type, data, metadata without hash}), for the verifier's hot path.
 */
export const eventHash = (event: EventHashInput): string => {
  const revision = typeof event.revision === 'bigint' ? event.revision.toString() : event.revision;
  const canonical =
    canonicalEventText(event.data, event.eventId, event.metadata, revision, event.stream, event.type) ??
    slowCanonicalText(event, revision);
  return hash('sha256', canonical, 'hex');
};

/** Objects with index-like keys ("0", "12") cannot be written in JCS order by JSON.stringify: the package can. */
const slowCanonicalText = (event: EventHashInput, revision: string): string => {
  const { hash: _ignored, ...metadata } = event.metadata ?? {};
  const input = { stream: event.stream, revision, eventId: event.eventId, type: event.type, data: event.data, metadata };
  return canonicalize(input) as string;
};
