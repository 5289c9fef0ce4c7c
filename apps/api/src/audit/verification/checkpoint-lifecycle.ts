import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CheckpointWriter, type LedgerSigner } from '@ledger/audit';
import type { EventStore } from '@ledger/event-store';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { LEDGER_SIGNER } from './signing-key.provider';

/** How often the API checkpoints while events arrive. */
export const CHECKPOINT_INTERVAL_MS = 5000;

/**
 * Runs the checkpoint writer in the API process: on a timer from start-up, and a last checkpoint at
 * shutdown. Nest calls onApplicationShutdown after the HTTP server has closed (so every acknowledged write
 * is in the store) and before the global LedgerModule closes the store, so the final checkpoint covers
 * everything the API ever acknowledged. Failures are logged, never thrown at requests.
 */
@Injectable()
export class CheckpointLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Checkpoints');
  readonly writer: CheckpointWriter;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LEDGER_SIGNER) signer: LedgerSigner) {
    this.writer = new CheckpointWriter({ store, signer, intervalMs: CHECKPOINT_INTERVAL_MS, logger: this.logger });
  }

  onApplicationBootstrap(): void {
    this.writer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    try {
      const outcome = await this.writer.stop();
      if (outcome.written) this.logger.log(`Checkpoint ${outcome.sequence} covers position ${outcome.position} at shutdown`);
    } catch (error) {
      this.logger.error(`No checkpoint at shutdown: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
