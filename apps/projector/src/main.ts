/**
 * The projector as its own process (production): keeps the read models current from the event
 * store, with the same environment as the API (LEDGER_EVENTSTORE, LEDGER_DATA_DIR,
 * EVENTSTORE_CONNECTION_STRING, LEDGER_READSTORE, MONGODB_URI). Stops cleanly on SIGTERM/SIGINT:
 * the batch in progress is committed with its checkpoint, then the stores are closed.
 * A SIGKILL at any point loses nothing: the next start continues from the checkpoints.
 */
import { describeError } from '../../../libs/projector/src/logger';
import { loadProjectorProcessConfig } from './projector-config';
import { startProjectorProcess } from './projector-process';

async function main(): Promise<void> {
  const running = await startProjectorProcess(loadProjectorProcessConfig());
  const shutdown = (signal: NodeJS.Signals): void => {
    console.error(`[projector] ${signal}: stopping`);
    running.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[projector] stop failed: ${describeError(error)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(`[projector] cannot start: ${describeError(error)}`);
  process.exit(1);
});
