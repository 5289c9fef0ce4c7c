import { type EventStore, incidentStream, type RecordedEvent } from '@ledger/event-store';
import { verifyStreamChain } from '@ledger/ledger';
import { CHECKPOINT_STREAM, type CheckpointData, isCheckpointEvent, parseCheckpointData, type StreamHeadJson } from '../checkpoints/checkpoint-format';
import type { CheckpointProblemKind } from '../checkpoints/checkpoint-chain';
import { checkCheckpointSignature } from '../checkpoints/checkpoint-signature';
import { incidentIdOf, streamBreak } from './ledger-pass';
import type { CheckpointRef, VerificationBreak } from './verification-result';

/** The checkpoint that last signed this stream's head. */
export type StreamCoverage = Readonly<{
  checkpoint: CheckpointRef;
  signedAt: string;
  keyFingerprint: string;
  /** The stream's head as signed. */
  revision: bigint;
  hash: string;
}>;

/** The outcome of verifying one stream (an incident's, usually) and its place in the checkpoints. */
export type StreamVerification = Readonly<{
  ok: boolean;
  stream: string;
  incidentId?: string;
  /** False when the stream has no events and no checkpoint ever listed it (an unknown incident). */
  exists: boolean;
  events: number;
  head: Readonly<{ revision: bigint; hash: string; position: bigint }> | null;
  /** The newest checkpoint overall (signature checked). */
  latestCheckpoint: (CheckpointRef & Readonly<{ signedAt: string; keyFingerprint: string }>) | null;
  /** The newest checkpoint that lists this stream; null when none does yet. */
  coverage: StreamCoverage | null;
  /** Events of the stream after the covered revision: not yet under any checkpoint. */
  eventsAfterCoverage: number;
  firstBreak: VerificationBreak | null;
}>;

export type StreamVerificationOptions = Readonly<{ trustedKeyFingerprints?: readonly string[]; pageSize?: number }>;

/** Verifies one incident's stream: see verifyStream. */
export const verifyIncident = (
  store: EventStore,
  incidentId: string,
  options: StreamVerificationOptions = {},
): Promise<StreamVerification> => verifyStream(store, incidentStream(incidentId), options);

/**
 * Verifies one stream: its whole chain from genesis, then against the newest checkpoint that lists it (found
 * walking the checkpoint stream backwards; that checkpoint's and the latest one's signatures are checked):
 * the signed head must be in the stream, unchanged, at or before the covered position. Checking that the
 * checkpoints chain together is the whole-ledger verification's job.
 */
export const verifyStream = async (
  store: EventStore,
  stream: string,
  options: StreamVerificationOptions = {},
): Promise<StreamVerification> => {
  const events = await store.readStream(stream);
  const chain = verifyStreamChain(stream, events);
  const last = events[events.length - 1];
  const found = await findCoverage(store, stream, options);
  const incidentId = incidentIdOf(stream);
  const result = {
    stream,
    ...(incidentId === undefined ? {} : { incidentId }),
    exists: events.length > 0 || found.coverage !== null,
    events: events.length,
    head: chain.ok && last ? { revision: last.revision, hash: chain.headHash, position: last.position } : null,
    latestCheckpoint: found.latest,
    coverage: found.coverage,
    eventsAfterCoverage: found.coverage ? Math.max(0, events.length - Number(found.coverage.revision) - 1) : events.length,
  };
  let firstBreak: VerificationBreak | null = null;
  if (!chain.ok) {
    const at = events.find((event) => event.revision === chain.break.revision);
    // A gap is reported at the missing revision, found where its successor stands (as the full pass does).
    const revision = chain.break.kind === 'revision-gap' ? BigInt(chain.break.expected) : chain.break.revision;
    firstBreak = streamBreak({
      kind: chain.break.kind,
      message: `${stream} revision ${revision}: ${chain.break.kind}`,
      stream,
      revision,
      position: at?.position,
      expected: chain.break.expected,
      found: chain.break.found,
    });
  } else {
    firstBreak = found.problem ?? (found.coverage ? compareWithCoverage(stream, events, found.coverage) : null);
  }
  return { ok: firstBreak === null, ...result, firstBreak };
};

const compareWithCoverage = (stream: string, events: readonly RecordedEvent[], coverage: StreamCoverage): VerificationBreak | null => {
  const { checkpoint, revision, hash } = coverage;
  const base = { stream, expected: `${revision} ${hash}`, checkpoint };
  const at = `checkpoint ${checkpoint.sequence} (position ${checkpoint.position})`;
  if (events.length === 0) {
    return streamBreak({ ...base, kind: 'stream-missing', message: `${stream} is missing: ${at} signed it at revision ${revision}`, revision: 0n, found: '(no events)' });
  }
  const signed = events[Number(revision)];
  if (signed === undefined) {
    const tail = events[events.length - 1]!;
    return streamBreak({ ...base, kind: 'stream-truncated', message: `${stream} ends at revision ${tail.revision}; ${at} signed revision ${revision}`, revision: tail.revision + 1n, found: `${tail.revision} ${String(tail.metadata.hash)}` });
  }
  const next = events[Number(revision) + 1];
  const moved = signed.position > checkpoint.position || (next !== undefined && next.position <= checkpoint.position);
  if (signed.metadata.hash !== hash || moved) {
    return streamBreak({ ...base, kind: 'checkpoint-head-mismatch', message: `${stream} at ${at} is not the head that was signed`, revision, position: signed.position, found: `${signed.revision} ${String(signed.metadata.hash)} at position ${signed.position}` });
  }
  return null;
};

type Found = {
  latest: StreamVerification['latestCheckpoint'];
  coverage: StreamCoverage | null;
  problem?: VerificationBreak;
};

/** Walks the checkpoints newest first until one lists the stream, checking the signatures it relies on. */
const findCoverage = async (store: EventStore, stream: string, options: StreamVerificationOptions): Promise<Found> => {
  const pageSize = options.pageSize ?? 500;
  const found: Found = { latest: null, coverage: null };
  let before: bigint | undefined;
  for (;;) {
    const page = await store.readStream(CHECKPOINT_STREAM, { direction: 'backwards', fromRevision: before, maxCount: pageSize });
    for (const event of page) {
      const signed = lists(event, stream);
      const isLatest = found.latest === null;
      if (!isLatest && signed === undefined) continue;
      const data = checked(event, options);
      if ('kind' in data) {
        found.problem = { kind: data.kind, message: `Checkpoint at revision ${event.revision}: ${data.reason}`, stream: CHECKPOINT_STREAM, revision: event.revision, position: event.position, found: data.reason };
        return found;
      }
      const ref: CheckpointRef = { sequence: data.sequence, position: BigInt(data.position), eventPosition: event.position };
      if (isLatest) found.latest = { ...ref, signedAt: data.signedAt, keyFingerprint: data.keyFingerprint };
      if (signed) {
        found.coverage = { checkpoint: ref, signedAt: data.signedAt, keyFingerprint: data.keyFingerprint, revision: BigInt(signed.revision), hash: signed.hash };
        return found;
      }
    }
    if (page.length < pageSize || page[page.length - 1]!.revision === 0n) return found;
    before = page[page.length - 1]!.revision - 1n;
  }
};

/** The stream's head in this checkpoint's list (sorted: binary search), if it is there. */
const lists = (event: RecordedEvent, stream: string): StreamHeadJson | undefined => {
  const heads = Array.isArray(event.data.heads) ? (event.data.heads as unknown as StreamHeadJson[]) : [];
  let low = 0;
  let high = heads.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const name = heads[middle]?.stream ?? '';
    if (name === stream) return heads[middle];
    if (name < stream) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
};

const checked = (
  event: RecordedEvent,
  options: StreamVerificationOptions,
): CheckpointData | Readonly<{ kind: CheckpointProblemKind; reason: string }> => {
  if (!isCheckpointEvent(event)) return { kind: 'checkpoint-invalid', reason: `an event of type ${event.type} sits in the checkpoint stream` };
  const data = parseCheckpointData(event.data);
  if (typeof data === 'string') return { kind: 'checkpoint-invalid', reason: data };
  const signature = checkCheckpointSignature(data);
  if (!signature.ok) return { kind: signature.kind, reason: signature.reason };
  const trusted = options.trustedKeyFingerprints;
  if (trusted && !trusted.includes(data.keyFingerprint)) {
    return { kind: 'checkpoint-untrusted-key', reason: `signed by a key that is not trusted (${data.keyFingerprint})` };
  }
  return data;
};
