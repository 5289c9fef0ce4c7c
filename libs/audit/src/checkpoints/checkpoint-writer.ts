import { createHash, randomUUID } from 'node:crypto';
import { type EventStore, EventStoreUnavailableError, type JsonObject, WrongExpectedRevisionError } from '@ledger/event-store';
import { GENESIS_HASH, sealEvents } from '@ledger/ledger';
import type { LedgerSigner } from '../signing/ed25519-signer';
import { canonicalJson } from '../verification/canonical-json';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_STREAM } from './checkpoint-format';
import { signCheckpoint } from './checkpoint-signature';
import { CheckpointState } from './checkpoint-state';

/** Where the writer reports; Nest's Logger fits. */
export type CheckpointLogger = Readonly<{
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}>;

export type CheckpointWriterOptions = Readonly<{
  store: EventStore;
  signer: LedgerSigner;
  /** A checkpoint at least this often while events keep coming. Default 5000. */
  intervalMs?: number;
  /** readAll / readStream page size. Default 1000. */
  pageSize?: number;
  clock?: () => Date;
  logger?: CheckpointLogger;
}>;

export type CheckpointOutcome =
  | Readonly<{ written: true; sequence: number; position: bigint; eventPosition: bigint; changedStreams: number }>
  | Readonly<{ written: false; reason: 'up-to-date' }>;

/** The principal checkpoint events are attributed to. */
export const CHECKPOINT_WRITER_ACTOR = { id: 'ledger-checkpoint-writer', name: 'checkpoint-writer' } as const;

const silent: CheckpointLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * Writes a signed LedgerCheckpointed event to `ledger-checkpoints` every `intervalMs` while new events
 * arrive (one headPosition() read when nothing changed), once at start when the key changed, and once
 * more on stop(): call stop() after the last acknowledged write and before closing the store.
 *
 * Run ONE writer per ledger. A second writer is tolerated (its append conflicts on the checkpoint stream;
 * the loser re-reads the checkpoints and tries again) but pointless. Failures never reach callers of the
 * ledger: the timer logs them and tries again next time.
 */
export class CheckpointWriter {
  private readonly intervalMs: number;
  private readonly pageSize: number;
  private readonly clock: () => Date;
  private readonly logger: CheckpointLogger;
  private state: CheckpointState | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private lastFailure: string | undefined;

  constructor(private readonly options: CheckpointWriterOptions) {
    this.intervalMs = options.intervalMs ?? 5000;
    this.pageSize = options.pageSize ?? 1000;
    this.clock = options.clock ?? (() => new Date());
    this.logger = options.logger ?? silent;
  }

  /** Starts the timer; the first tick runs right away (it catches up, and marks a key rotation). */
  start(): void {
    if (this.stopped || this.timer) return;
    this.schedule(0);
  }

  /** Stops the timer and writes a final checkpoint covering everything in the store. Throws if that fails. */
  async stop(): Promise<CheckpointOutcome> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    return this.checkpointNow();
  }

  /** Writes a checkpoint now if anything is new (or the key changed); serialized with the timer's. */
  checkpointNow(): Promise<CheckpointOutcome> {
    const run = this.queue.then(() => this.writeOnce(true));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => void this.tick(), delayMs);
    // The timer alone must not keep a process alive.
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.checkpointNow();
      if (this.lastFailure) this.logger.log('Checkpoints are being written again');
      this.lastFailure = undefined;
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      // Once per distinct failure, so a persistent problem does not flood the log every interval. An
      // unreachable store is an outage others report; a refusal to sign is an alarm.
      if (message !== this.lastFailure) {
        const log = error instanceof EventStoreUnavailableError ? this.logger.warn : this.logger.error;
        log.call(this.logger, `Could not write a checkpoint (will retry): ${message}`);
      }
      this.lastFailure = message;
    }
    if (!this.stopped) this.schedule(this.intervalMs);
  }

  private async writeOnce(retryConflict: boolean): Promise<CheckpointOutcome> {
    const { store, signer } = this.options;
    this.state ??= await CheckpointState.load(store, this.pageSize);
    const state = this.state;
    const head = await store.headPosition();
    const keyChanged = state.last !== undefined && state.last.keyFingerprint !== signer.fingerprint;
    // Only our own last checkpoint since then: nothing to cover (a checkpoint never covers just its predecessor).
    if (head <= (state.last?.eventPosition ?? 0n) && !keyChanged) return { written: false, reason: 'up-to-date' };
    await state.catchUp(head, this.pageSize);

    const now = this.clock().toISOString();
    const data = signCheckpoint(state.nextBody(signer, now), signer);
    const commandId = randomUUID();
    const [sealed] = sealEvents(
      CHECKPOINT_STREAM,
      { revision: state.last?.revision, hash: state.last?.hash ?? GENESIS_HASH },
      [{ type: CHECKPOINT_EVENT_TYPE, data: data as unknown as JsonObject, schemaVersion: 1 }],
      {
        actor: CHECKPOINT_WRITER_ACTOR,
        commandId,
        commandFingerprint: createHash('sha256').update(canonicalJson(data as unknown as JsonObject)).digest('hex'),
        correlationId: commandId,
        causationId: commandId,
        occurredAt: now,
        recordedAt: now,
      },
    );
    const event = sealed!;
    try {
      // Sealed here rather than through ChainedStreamWriter: the signed body names its predecessor, so a
      // conflict must fail, never be resealed onto another writer's checkpoint.
      const result = await store.append(
        CHECKPOINT_STREAM,
        [{ eventId: event.eventId, type: event.type, data: event.data, metadata: event.metadata }],
        state.last?.revision ?? 'no_stream',
      );
      state.last = {
        sequence: data.sequence,
        hash: String(event.metadata.hash),
        revision: result.nextExpectedRevision,
        eventPosition: result.position,
        keyFingerprint: signer.fingerprint,
      };
      if (keyChanged) this.logger.warn(`Signing key changed to ${signer.fingerprint}; checkpoint ${data.sequence} records the rotation`);
      const changedStreams = state.changed.size;
      state.changed.clear();
      return { written: true, sequence: data.sequence, position: state.position, eventPosition: result.position, changedStreams };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Another writer checkpointed: start over from what is in the store now.
      this.state = undefined;
      this.logger.warn('Another process wrote a checkpoint; run one checkpoint writer per ledger');
      if (!retryConflict) throw error;
      return this.writeOnce(false);
    }
  }
}
