import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { GENESIS_HASH } from './envelope';
import { computeEventHash } from './hash-chain';

/** The first place a stream's chain does not hold. */
export type ChainBreak = Readonly<{
  stream: string;
  /** Revision at which the break was found (the expected one when an event is missing). */
  revision: bigint;
  kind: 'hash-mismatch' | 'prev-hash-mismatch' | 'revision-gap' | 'wrong-stream';
  expected: string;
  found: string;
}>;

export type ChainVerification =
  | Readonly<{ ok: true; stream: string; events: number; headHash: string }>
  | Readonly<{ ok: false; stream: string; events: number; break: ChainBreak }>;

const text = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/**
 * Recomputes every hash of one stream, in stored (not upcast) form, and checks that each event chains
 * to the one before it with no revision missing. Detects edits, deletions and reordering within a stream.
 */
export const verifyStreamChain = (stream: string, events: readonly RecordedEvent[]): ChainVerification => {
  let prevHash = GENESIS_HASH;
  let expectedRevision = 0n;
  for (const event of events) {
    const fail = (kind: ChainBreak['kind'], expected: string, found: string): ChainVerification => ({
      ok: false,
      stream,
      events: events.length,
      break: { stream, revision: event.revision, kind, expected, found },
    });
    if (event.stream !== stream) return fail('wrong-stream', stream, event.stream);
    if (event.revision !== expectedRevision) {
      return fail('revision-gap', expectedRevision.toString(), event.revision.toString());
    }
    const metadata = event.metadata as JsonObject;
    if (metadata.prevHash !== prevHash) return fail('prev-hash-mismatch', prevHash, text(metadata.prevHash));
    const recomputed = computeEventHash(event);
    if (metadata.hash !== recomputed) return fail('hash-mismatch', recomputed, text(metadata.hash));
    prevHash = recomputed;
    expectedRevision += 1n;
  }
  return { ok: true, stream, events: events.length, headHash: prevHash };
};
