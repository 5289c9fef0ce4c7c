import { type EventStore, isLedgerStream, type RecordedEvent } from '@ledger/event-store';
import { GENESIS_HASH } from '@ledger/ledger';
import type { LedgerSigner } from '../signing/ed25519-signer';
import { checkLink } from '../verification/chain-link';
import { CheckpointChain, isCheckpointProblem } from './checkpoint-chain';
import { CHECKPOINT_FORMAT, CHECKPOINT_STREAM, type CheckpointBody, type CheckpointData } from './checkpoint-format';
import { checkCheckpointSignature } from './checkpoint-signature';
import { HeadMap, type StreamHead } from './head-map';

/** The checkpoint writer will not sign: what it read does not chain onto what it signed before. */
export class CheckpointRefusedError extends Error {
  override readonly name = 'CheckpointRefusedError';
}

/** The newest checkpoint in the store: what the next one must follow. */
export type LastCheckpoint = Readonly<{
  sequence: number;
  /** Chain hash of its event: the next checkpoint's previousHash. */
  hash: string;
  /** Its event's revision in the checkpoint stream and global position. */
  revision: bigint;
  eventPosition: bigint;
  keyFingerprint: string;
}>;

/**
 * The writer's view of the ledger: every stream's head as of `position`, folded from the signed checkpoints
 * and then from the events after the last one (each checked to chain onto its stream's head, so a checkpoint
 * only ever commits to a state that verifies link by link).
 */
export class CheckpointState {
  readonly heads = new HeadMap();
  /** Streams changed since the last checkpoint: the heads the next one lists. */
  readonly changed = new Set<string>();
  position = 0n;
  eventCount = 0;
  last: LastCheckpoint | undefined;

  private constructor(private readonly store: EventStore) {}

  /**
   * Folds the checkpoint stream; refuses (CheckpointRefusedError) if it does not hold together. Only the
   * latest signature is checked (a ledger may hold very many checkpoints): with the fold reproducing its
   * signed root, the state it signed is exactly the one the writer continues from.
   */
  static async load(store: EventStore, pageSize: number): Promise<CheckpointState> {
    const state = new CheckpointState(store);
    const chain = new CheckpointChain({ checkSignatures: false });
    let streamHead: StreamHead | undefined;
    let lastData: CheckpointData | undefined;
    for (let from = 0n; ; ) {
      const page = await store.readStream(CHECKPOINT_STREAM, { fromRevision: from, maxCount: pageSize });
      for (const event of page) {
        const link = checkLink(streamHead, event);
        if (!link.ok) {
          throw new CheckpointRefusedError(
            `${CHECKPOINT_STREAM} revision ${event.revision}: ${link.break.kind} (expected ${link.break.expected}, found ${link.break.found})`,
          );
        }
        streamHead = { revision: event.revision, hash: link.hash };
        const checked = chain.accept(event);
        if (isCheckpointProblem(checked)) throw new CheckpointRefusedError(`${checked.kind}: ${checked.message}`);
        for (const head of checked.data.heads) state.heads.set(head.stream, BigInt(head.revision), head.hash);
        lastData = checked.data;
        state.last = {
          sequence: checked.sequence,
          hash: link.hash,
          revision: event.revision,
          eventPosition: event.position,
          keyFingerprint: checked.data.keyFingerprint,
        };
      }
      if (page.length < pageSize) break;
      from = page[page.length - 1]!.revision + 1n;
    }
    if (lastData) {
      const signature = checkCheckpointSignature(lastData);
      if (!signature.ok) throw new CheckpointRefusedError(`checkpoint ${lastData.sequence}: ${signature.reason}`);
      // The fold must reproduce the signed state exactly, or the checkpoints do not add up.
      if (state.heads.size !== lastData.streamCount || state.heads.root() !== lastData.root) {
        throw new CheckpointRefusedError(`checkpoint ${lastData.sequence}: its heads do not fold to its signed root`);
      }
      state.position = BigInt(lastData.position);
      state.eventCount = lastData.eventCount;
    }
    return state;
  }

  /**
   * Reads the events after `position` up to `until` (inclusive), checking each one against its stream's
   * head. Returns the number read.
   */
  async catchUp(until: bigint, pageSize: number): Promise<number> {
    let read = 0;
    while (this.position < until) {
      const page = await this.store.readAll({ after: this.position, maxCount: pageSize });
      if (page.length === 0) break;
      for (const event of page) {
        if (event.position > until) return read;
        this.apply(event);
        read++;
      }
    }
    return read;
  }

  /** The next checkpoint's body, covering everything read so far. */
  nextBody(signer: LedgerSigner, signedAt: string): CheckpointBody {
    const last = this.last;
    return {
      format: CHECKPOINT_FORMAT,
      sequence: (last?.sequence ?? 0) + 1,
      position: this.position.toString(),
      eventCount: this.eventCount,
      streamCount: this.heads.size,
      heads: this.heads.list(this.changed),
      root: this.heads.root(),
      previousHash: last?.hash ?? GENESIS_HASH,
      signedAt,
      algorithm: 'Ed25519',
      keyFingerprint: signer.fingerprint,
      publicKey: signer.publicKeyPem,
      ...(last && last.keyFingerprint !== signer.fingerprint ? { previousKeyFingerprint: last.keyFingerprint } : {}),
    };
  }

  private apply(event: RecordedEvent): void {
    if (event.position <= this.position) {
      throw new CheckpointRefusedError(`position ${event.position} does not follow ${this.position}`);
    }
    if (!isLedgerStream(event.stream)) {
      throw new CheckpointRefusedError(`position ${event.position}: stream ${event.stream} is not a ledger stream`);
    }
    const link = checkLink(this.heads.get(event.stream), event);
    if (!link.ok) {
      throw new CheckpointRefusedError(
        `${event.stream} revision ${event.revision} (position ${event.position}): ${link.break.kind} ` +
          `(expected ${link.break.expected}, found ${link.break.found})`,
      );
    }
    this.heads.set(event.stream, event.revision, link.hash);
    this.changed.add(event.stream);
    this.eventCount++;
    this.position = event.position;
  }
}
