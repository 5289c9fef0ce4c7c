import type { JsonObject, JsonValue, RecordedEvent } from '@ledger/event-store';
import { CHECKPOINT_STREAM, isCheckpointEvent, parseCheckpointData, type CheckpointData } from '../checkpoints/checkpoint-format';
import { checkCheckpointSignature } from '../checkpoints/checkpoint-signature';
import type { StreamHead } from '../checkpoints/head-map';
import { checkLink } from '../verification/chain-link';
import { eventHash } from '../verification/event-hash';
import type { BundleFailure } from './bundle-verification';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A bundle event read back as a stored event, or why it cannot be. */
export const toRecorded = (value: JsonValue | undefined): RecordedEvent | string => {
  if (!isObject(value)) return 'an event is not an object';
  const { stream, revision, position, eventId, type, data, metadata } = value;
  if (typeof stream !== 'string' || typeof eventId !== 'string' || typeof type !== 'string') {
    return 'an event lacks its stream, eventId or type';
  }
  if (typeof revision !== 'string' || !DECIMAL.test(revision) || typeof position !== 'string' || !DECIMAL.test(position)) {
    return 'an event needs revision and position as decimal text';
  }
  if (!isObject(data) || !isObject(metadata)) return 'an event needs data and metadata objects';
  return { stream, revision: BigInt(revision), position: BigInt(position), eventId, type, data, metadata };
};

export type StreamsCheck = Readonly<{ heads: Map<string, StreamHead & { events: readonly RecordedEvent[] }>; events: number }>;

/** Recomputes every exported stream's chain from genesis. */
export const checkStreams = (streams: JsonValue | undefined): StreamsCheck | BundleFailure => {
  if (!Array.isArray(streams)) return { kind: 'streams-invalid', message: 'streams must be a list' };
  const heads: StreamsCheck['heads'] = new Map();
  let count = 0;
  for (const entry of streams) {
    if (!isObject(entry) || typeof entry.stream !== 'string' || !Array.isArray(entry.events)) {
      return { kind: 'streams-invalid', message: 'every streams entry needs a stream name and an events list' };
    }
    const stream = entry.stream;
    if (heads.has(stream)) return { kind: 'streams-invalid', message: `${stream} appears twice`, stream };
    const events: RecordedEvent[] = [];
    let head: StreamHead | undefined;
    for (const raw of entry.events) {
      const event = toRecorded(raw);
      if (typeof event === 'string') return { kind: 'streams-invalid', message: `${stream}: ${event}`, stream };
      const at = { stream, revision: event.revision.toString(), position: event.position.toString() };
      if (event.stream !== stream) {
        return { ...at, kind: 'wrong-stream', message: `An event of ${event.stream} is listed under ${stream}`, expected: stream, found: event.stream };
      }
      const link = checkLink(head, event);
      if (!link.ok) {
        const revision = link.break.kind === 'revision-gap' ? link.break.expected : at.revision;
        return { ...at, revision, kind: link.break.kind, message: `${stream} revision ${revision}: ${link.break.kind}`, expected: link.break.expected, found: link.break.found };
      }
      head = { revision: event.revision, hash: link.hash };
      events.push(event);
    }
    count += events.length;
    if (head) heads.set(stream, { ...head, events });
  }
  return { heads, events: count };
};

/** `heads` must name exactly the last event of every exported (non-empty) stream. */
export const checkHeads = (listed: JsonValue | undefined, actual: StreamsCheck['heads']): BundleFailure | undefined => {
  if (!Array.isArray(listed)) return { kind: 'head-mismatch', message: 'heads must be a list' };
  const seen = new Set<string>();
  for (const entry of listed) {
    if (!isObject(entry) || typeof entry.stream !== 'string') return { kind: 'head-mismatch', message: 'every head needs a stream' };
    const head = actual.get(entry.stream);
    const found = `${String(entry.revision)} ${String(entry.hash)}`;
    if (!head) return { kind: 'head-mismatch', message: `heads lists ${entry.stream}, which the bundle does not carry`, stream: entry.stream, found };
    const expected = `${head.revision} ${head.hash}`;
    if (seen.has(entry.stream) || expected !== found) {
      return { kind: 'head-mismatch', message: `The head listed for ${entry.stream} is not its last event`, stream: entry.stream, expected, found };
    }
    seen.add(entry.stream);
  }
  for (const stream of actual.keys()) {
    if (!seen.has(stream)) return { kind: 'head-mismatch', message: `heads does not list ${stream}`, stream };
  }
  return undefined;
};

/**
 * The embedded checkpoint: a LedgerCheckpointed event whose chain hash recomputes, signed by the bundle's
 * key, and consistent with the exported streams it lists: a signed head the bundle holds must be that very
 * event, at or before the covered position.
 */
export const checkCheckpoint = (
  value: JsonValue | undefined,
  keyFingerprint: string,
  streams: StreamsCheck['heads'],
): CheckpointData | null | BundleFailure => {
  if (value === null) return null;
  const event = toRecorded(value);
  if (typeof event === 'string') return { kind: 'checkpoint-invalid', message: `checkpoint: ${event}` };
  if (!isCheckpointEvent(event)) {
    return { kind: 'checkpoint-invalid', message: `checkpoint must be a LedgerCheckpointed event of ${CHECKPOINT_STREAM}`, found: `${event.type} in ${event.stream}` };
  }
  const recomputed = eventHash(event);
  if (event.metadata.hash !== recomputed) {
    return { kind: 'checkpoint-invalid', message: 'The checkpoint event does not hash to its stored hash', expected: recomputed, found: String(event.metadata.hash) };
  }
  const data = parseCheckpointData(event.data);
  if (typeof data === 'string') return { kind: 'checkpoint-invalid', message: `checkpoint: ${data}` };
  const signature = checkCheckpointSignature(data);
  if (!signature.ok) {
    return { kind: signature.kind === 'checkpoint-key-mismatch' ? 'checkpoint-invalid' : 'checkpoint-signature-invalid', message: `checkpoint ${data.sequence}: ${signature.reason}` };
  }
  if (data.keyFingerprint !== keyFingerprint) {
    return { kind: 'checkpoint-key-mismatch', message: 'The checkpoint is signed by another key than the bundle', expected: keyFingerprint, found: data.keyFingerprint };
  }
  for (const signed of data.heads) {
    const exported = streams.get(signed.stream);
    // Past the exported head: the checkpoint was written after the export read this stream; nothing to compare.
    if (!exported || BigInt(signed.revision) > exported.revision) continue;
    const event = exported.events[Number(signed.revision)]!;
    if (event.metadata.hash !== signed.hash || event.position > BigInt(data.position)) {
      return {
        kind: 'checkpoint-head-mismatch',
        message: `${signed.stream} does not hold the head checkpoint ${data.sequence} signed for it`,
        stream: signed.stream,
        revision: signed.revision,
        expected: `${signed.revision} ${signed.hash} at or before position ${data.position}`,
        found: `${event.revision} ${String(event.metadata.hash)} at position ${event.position}`,
      };
    }
  }
  return data;
};
