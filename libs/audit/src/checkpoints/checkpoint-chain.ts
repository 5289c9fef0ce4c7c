import type { RecordedEvent } from '@ledger/event-store';
import { GENESIS_HASH } from '@ledger/ledger';
import { CHECKPOINT_EVENT_TYPE, type CheckpointData, parseCheckpointData } from './checkpoint-format';
import { checkCheckpointSignature } from './checkpoint-signature';

/** A checkpoint that passed every check of its own: shape, place in the chain, key and signature. */
export type ValidCheckpoint = Readonly<{
  event: RecordedEvent;
  data: CheckpointData;
  sequence: number;
  /** The covered global position. */
  position: bigint;
}>;

export type CheckpointProblemKind =
  | 'checkpoint-invalid'
  | 'checkpoint-chain-mismatch'
  | 'checkpoint-key-mismatch'
  | 'checkpoint-untrusted-key'
  | 'checkpoint-signature-invalid';

export type CheckpointProblem = Readonly<{
  kind: CheckpointProblemKind;
  event: RecordedEvent;
  /** The sequence the checkpoint claims, when it has one. */
  sequence?: number;
  expected: string;
  found: string;
  message: string;
}>;

export type CheckpointChainOptions = Readonly<{
  /** When given, every checkpoint must be signed by one of these keys ('sha256:…' fingerprints). */
  trustedKeyFingerprints?: readonly string[];
  /** Default true. The writer turns it off to fold quickly, then checks the latest signature itself. */
  checkSignatures?: boolean;
}>;

type Tail = { sequence: number; hash: string; position: bigint; eventCount: number; keyFingerprint: string };

/**
 * Checks checkpoints in stream order: each is well formed, numbered one after its predecessor, names the
 * predecessor's chain hash, never covers less than it, is signed by the key it names, and changes key only
 * by naming the previous key (rotation). A bad checkpoint is reported, and the chain goes on from its stored
 * hash, so one forged checkpoint is one report, not a cascade.
 */
export class CheckpointChain {
  private tail: Tail | undefined;
  private readonly keys: string[] = [];

  constructor(private readonly options: CheckpointChainOptions = {}) {}

  /** Fingerprints of the keys that signed valid checkpoints, in order of first use. */
  get keyFingerprints(): readonly string[] {
    return this.keys;
  }

  /** The last checkpoint accepted (valid or not): sequence and chain hash. */
  get last(): Readonly<Tail> | undefined {
    return this.tail;
  }

  accept(event: RecordedEvent): ValidCheckpoint | CheckpointProblem {
    const storedHash = String((event.metadata as { hash?: unknown } | null)?.hash ?? '');
    const problem = (
      kind: CheckpointProblemKind,
      expected: string,
      found: string,
      message: string,
      sequence?: number,
    ): CheckpointProblem => ({ kind, event, sequence, expected, found, message });

    if (event.type !== CHECKPOINT_EVENT_TYPE) {
      this.advanceBroken(storedHash);
      return problem('checkpoint-invalid', CHECKPOINT_EVENT_TYPE, event.type, `an event of type ${event.type} sits in the checkpoint stream`);
    }
    const data = parseCheckpointData(event.data);
    if (typeof data === 'string') {
      this.advanceBroken(storedHash);
      return problem('checkpoint-invalid', 'a well-formed checkpoint', data, `checkpoint at revision ${event.revision}: ${data}`);
    }
    const fail = (kind: CheckpointProblemKind, expected: string, found: string, message: string): CheckpointProblem => {
      this.advance(data, storedHash);
      return problem(kind, expected, found, `checkpoint ${data.sequence}: ${message}`, data.sequence);
    };
    const previous = this.tail;
    const expectedSequence = (previous?.sequence ?? 0) + 1;
    if (data.sequence !== expectedSequence) {
      return fail('checkpoint-chain-mismatch', String(expectedSequence), String(data.sequence), 'sequence does not follow the previous checkpoint');
    }
    const expectedPrevious = previous?.hash ?? GENESIS_HASH;
    if (data.previousHash !== expectedPrevious) {
      return fail('checkpoint-chain-mismatch', expectedPrevious, data.previousHash, 'previousHash does not name the previous checkpoint');
    }
    const covered = BigInt(data.position);
    if (covered >= event.position) {
      return fail('checkpoint-invalid', `below ${event.position}`, data.position, 'covers a position at or after its own');
    }
    if (previous && (covered < previous.position || data.eventCount < previous.eventCount)) {
      return fail('checkpoint-invalid', `at least ${previous.position}`, data.position, 'covers less than the previous checkpoint');
    }
    if (this.options.checkSignatures !== false) {
      const signature = checkCheckpointSignature(data);
      if (!signature.ok) return fail(signature.kind, data.keyFingerprint, signature.reason, signature.reason);
    }
    const trusted = this.options.trustedKeyFingerprints;
    if (trusted && !trusted.includes(data.keyFingerprint)) {
      return fail('checkpoint-untrusted-key', trusted.join(' | '), data.keyFingerprint, 'signed by a key that is not trusted');
    }
    // After an unreadable predecessor its key is unknown ('') and continuity cannot be judged.
    const previousKey = previous?.keyFingerprint || undefined;
    if (previousKey && data.keyFingerprint !== previousKey && data.previousKeyFingerprint !== previousKey) {
      return fail('checkpoint-key-mismatch', previousKey, data.previousKeyFingerprint ?? '(none)', 'the key changed without naming the previous key');
    }
    if (data.previousKeyFingerprint !== undefined && data.keyFingerprint === previousKey) {
      return fail('checkpoint-key-mismatch', '(no rotation)', data.previousKeyFingerprint, 'announces a rotation but the key did not change');
    }
    this.advance(data, storedHash);
    if (!this.keys.includes(data.keyFingerprint)) this.keys.push(data.keyFingerprint);
    return { event, data, sequence: data.sequence, position: covered };
  }

  private advance(data: CheckpointData, hash: string): void {
    this.tail = {
      sequence: data.sequence,
      hash,
      position: BigInt(data.position),
      eventCount: data.eventCount,
      keyFingerprint: data.keyFingerprint,
    };
  }

  /** After an unreadable checkpoint: keep numbering and linking from it, keep the rest of the old tail. */
  private advanceBroken(hash: string): void {
    if (this.tail) this.tail = { ...this.tail, sequence: this.tail.sequence + 1, hash };
    else this.tail = { sequence: 1, hash, position: 0n, eventCount: 0, keyFingerprint: '' };
  }
}

export const isCheckpointProblem = (value: ValidCheckpoint | CheckpointProblem): value is CheckpointProblem =>
  'kind' in value;
