import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { type ChainBreak, GENESIS_HASH } from '@ledger/ledger';
import type { StreamHead } from '../checkpoints/head-map';
import { eventHash } from './event-hash';

/** Why an event does not continue its stream's chain (the kinds of @ledger/ledger's ChainBreak). */
export type LinkBreak = Readonly<{ kind: ChainBreak['kind']; expected: string; found: string }>;

export type LinkResult = Readonly<{ ok: true; hash: string }> | Readonly<{ ok: false; break: LinkBreak }>;

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/**
 * Checks that `event` is the next link after `head` (undefined: the stream's first event): the revision
 * follows, prevHash names the head's hash, and the stored hash recomputes. Same rules, in the same order,
 * as verifyStreamChain, one event at a time so a single pass over $all can check every stream.
 */
export const checkLink = (head: StreamHead | undefined, event: RecordedEvent): LinkResult => {
  const expectedRevision = head === undefined ? 0n : head.revision + 1n;
  if (event.revision !== expectedRevision) {
    return { ok: false, break: { kind: 'revision-gap', expected: expectedRevision.toString(), found: event.revision.toString() } };
  }
  const metadata = event.metadata as JsonObject | null;
  const prevHash = head === undefined ? GENESIS_HASH : head.hash;
  if (metadata === null || typeof metadata !== 'object' || Array.isArray(metadata)) {
    return { ok: false, break: { kind: 'prev-hash-mismatch', expected: prevHash, found: text(metadata) } };
  }
  if (metadata.prevHash !== prevHash) {
    return { ok: false, break: { kind: 'prev-hash-mismatch', expected: prevHash, found: text(metadata.prevHash) } };
  }
  const recomputed = eventHash(event);
  if (metadata.hash !== recomputed) {
    return { ok: false, break: { kind: 'hash-mismatch', expected: recomputed, found: text(metadata.hash) } };
  }
  return { ok: true, hash: recomputed };
};
