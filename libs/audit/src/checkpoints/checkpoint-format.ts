import type { JsonObject, RecordedEvent } from '@ledger/event-store';

/** The stream that holds the signed checkpoints, and their event type. */
export const CHECKPOINT_STREAM = 'ledger-checkpoints';
export const CHECKPOINT_EVENT_TYPE = 'LedgerCheckpointed';
export const CHECKPOINT_FORMAT = 'incident-ledger/checkpoint@1';

/** The last event of one stream: what a checkpoint commits to per stream. Revision is decimal text in JSON. */
export type StreamHeadJson = Readonly<{ stream: string; revision: string; hash: string }>;

/**
 * What a checkpoint signs (the LedgerCheckpointed event's data without `signature`). Counts and positions
 * describe the ledger as of `position`: every event at or before it, in every ledger stream.
 */
export type CheckpointBody = Readonly<{
  format: typeof CHECKPOINT_FORMAT;
  /** 1 for the first checkpoint, then +1 each. */
  sequence: number;
  /** Global position covered: all events at or before it (the checkpoint event itself comes later). */
  position: string;
  /** Events at or before `position`, all streams. */
  eventCount: number;
  /** Streams with at least one event at or before `position`. */
  streamCount: number;
  /** Heads of the streams that changed since the previous checkpoint (all streams in the first), sorted by stream. */
  heads: readonly StreamHeadJson[];
  /** Hex SHA-256 over ALL stream heads at `position` (see computeLedgerRoot): the full state, committed. */
  root: string;
  /** Chain hash (metadata.hash) of the previous checkpoint event; 64 zeros for the first. */
  previousHash: string;
  /** When it was signed (ISO 8601 UTC). */
  signedAt: string;
  algorithm: 'Ed25519';
  /** 'sha256:' + hex SHA-256 of the SPKI DER of `publicKey`. */
  keyFingerprint: string;
  /** The signing public key, SPKI PEM. */
  publicKey: string;
  /** Set when the key changed: the fingerprint of the key that signed the previous checkpoint. */
  previousKeyFingerprint?: string;
}>;

/** A LedgerCheckpointed event's data: the body plus the base64 Ed25519 signature over its JCS form. */
export type CheckpointData = CheckpointBody & Readonly<{ signature: string }>;

const HEX64 = /^[0-9a-f]{64}$/;
const DECIMAL = /^(0|[1-9][0-9]*)$/;

const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Checks a checkpoint event's data has the documented shape (not yet its signature or its place in the
 * chain). Returns the reason when it does not.
 */
export const parseCheckpointData = (data: JsonObject): CheckpointData | string => {
  if (data.format !== CHECKPOINT_FORMAT) return `unknown checkpoint format ${JSON.stringify(data.format)}`;
  if (!Number.isSafeInteger(data.sequence) || (data.sequence as number) < 1) return 'sequence must be a positive integer';
  if (typeof data.position !== 'string' || !DECIMAL.test(data.position)) return 'position must be decimal text';
  if (!isCount(data.eventCount) || !isCount(data.streamCount)) return 'eventCount and streamCount must be counts';
  if (typeof data.root !== 'string' || !HEX64.test(data.root)) return 'root must be 64 hex digits';
  if (typeof data.previousHash !== 'string' || !HEX64.test(data.previousHash)) return 'previousHash must be 64 hex digits';
  if (data.algorithm !== 'Ed25519') return `unsupported signature algorithm ${JSON.stringify(data.algorithm)}`;
  for (const field of ['signedAt', 'keyFingerprint', 'publicKey', 'signature'] as const) {
    if (typeof data[field] !== 'string') return `${field} must be text`;
  }
  if (data.previousKeyFingerprint !== undefined && typeof data.previousKeyFingerprint !== 'string') {
    return 'previousKeyFingerprint must be text';
  }
  if (!Array.isArray(data.heads)) return 'heads must be a list';
  let previous: string | undefined;
  for (const head of data.heads) {
    if (head === null || typeof head !== 'object' || Array.isArray(head)) return 'every head must be an object';
    const { stream, revision, hash } = head;
    if (typeof stream !== 'string' || typeof revision !== 'string' || !DECIMAL.test(revision)) {
      return 'every head needs a stream and a decimal revision';
    }
    if (typeof hash !== 'string' || !HEX64.test(hash)) return `head of ${stream}: hash must be 64 hex digits`;
    // Strictly sorted: one entry per stream, and one way to write the list.
    if (previous !== undefined && !(previous < stream)) return 'heads must be sorted by stream, without repeats';
    previous = stream;
  }
  return data as unknown as CheckpointData;
};

/** The signed part of a checkpoint: its data without the signature. */
export const checkpointBody = (data: CheckpointData): CheckpointBody => {
  const { signature: _signature, ...body } = data;
  return body;
};

/** A checkpoint as read from the store: the event, and its parsed data. */
export type StoredCheckpoint = Readonly<{ event: RecordedEvent; data: CheckpointData }>;

/** True when an event is a checkpoint (by stream and type). */
export const isCheckpointEvent = (event: RecordedEvent): boolean =>
  event.stream === CHECKPOINT_STREAM && event.type === CHECKPOINT_EVENT_TYPE;
