import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { CheckpointChain, type CheckpointChainOptions, type CheckpointProblem, isCheckpointProblem, type ValidCheckpoint } from '../checkpoints/checkpoint-chain';
import { CHECKPOINT_STREAM } from '../checkpoints/checkpoint-format';

/** A checkpoint as the verifier meets it: valid, or with what is wrong, and the position it covers. */
export type CursorItem = Readonly<{ checked: ValidCheckpoint | CheckpointProblem; covers: bigint; event: RecordedEvent }>;

/**
 * Walks the checkpoint stream a page at a time alongside the main pass over $all, so each checkpoint is at
 * hand before the pass reaches the position it covers. Checkpoints written after `until` (the head when the
 * verification started) are left out: the verification is of the ledger as of `until`.
 */
export class CheckpointCursor {
  private readonly chain: CheckpointChain;
  private buffer: RecordedEvent[] = [];
  private next = 0n;
  private exhausted = false;

  constructor(
    private readonly store: EventStore,
    private readonly until: bigint,
    options: CheckpointChainOptions,
    private readonly pageSize = 1000,
  ) {
    this.chain = new CheckpointChain(options);
  }

  get keyFingerprints(): readonly string[] {
    return this.chain.keyFingerprints;
  }

  /** The next checkpoint (checked against its predecessors), or undefined at the end. */
  async take(): Promise<CursorItem | undefined> {
    if (this.buffer.length === 0 && !this.exhausted) await this.fill();
    const event = this.buffer.shift();
    if (!event) return undefined;
    const checked = this.chain.accept(event);
    // An unreadable checkpoint covers nothing the pass can check; evaluate it where it stands.
    const covers = isCheckpointProblem(checked) ? coveredOrOwn(event) : checked.position;
    return { checked, covers, event };
  }

  private async fill(): Promise<void> {
    const page = await this.store.readStream(CHECKPOINT_STREAM, { fromRevision: this.next, maxCount: this.pageSize });
    if (page.length < this.pageSize) this.exhausted = true;
    if (page.length > 0) this.next = page[page.length - 1]!.revision + 1n;
    for (const event of page) {
      if (event.position > this.until) {
        this.exhausted = true;
        break;
      }
      this.buffer.push(event);
    }
  }
}

/** The position a broken checkpoint claims to cover when it is legible, else just before its own event. */
const coveredOrOwn = (event: RecordedEvent): bigint => {
  const claimed = event.data.position;
  if (typeof claimed === 'string' && /^(0|[1-9][0-9]*)$/.test(claimed) && BigInt(claimed) < event.position) {
    return BigInt(claimed);
  }
  return event.position - 1n;
};
