import { openStores } from '../../../libs/projector/src/cli/open-stores';
import { describeStoresConfig } from '../../../libs/projector/src/cli/stores-config';
import { consoleProjectorLogger, silentProjectorLogger } from '../../../libs/projector/src/logger';
import { Projector } from '../../../libs/projector/src/projector';
import type { ProjectorStatus } from '../../../libs/projector/src/projector-status';
import type { ProjectorProcessConfig } from './projector-config';

export type RunningProjector = Readonly<{
  projector: Projector;
  /** Finishes the batch in progress, stops, closes the stores. Idempotent. */
  stop(): Promise<void>;
}>;

/** One status line: position, head, lag (position units = events on the embedded store), rate, errors. */
export const formatStatus = (status: ProjectorStatus): string =>
  `${status.state} position=${status.position} head=${status.headPosition ?? '?'} ` +
  `lag=${status.lag ?? '?'} (position units) caughtUp=${status.caughtUp} ` +
  `events/s=${status.eventsPerSecond}` +
  (status.lastError
    ? ` lastError=${status.lastError.projection ? `${status.lastError.projection}: ` : ''}` +
      `${status.lastError.name}: ${status.lastError.message} at ${status.lastError.at.toISOString()}`
    : '');

/** Opens the stores, starts the projector and logs its status periodically. */
export const startProjectorProcess = async (config: ProjectorProcessConfig): Promise<RunningProjector> => {
  const logger = config.silent ? silentProjectorLogger : consoleProjectorLogger('projector');
  const stores = await openStores(config.stores);
  const projector = new Projector({
    eventStore: stores.eventStore,
    readStore: stores.readStore,
    batchSize: config.batchSize,
    catchUpBatchSize: config.catchUpBatchSize,
    logger,
  });
  try {
    await projector.start();
  } catch (error) {
    await stores.close();
    throw error;
  }
  logger.log(`started (${describeStoresConfig(config.stores)})`);

  let lastLogged = '';
  const timer =
    config.statusIntervalMs > 0
      ? setInterval(() => {
          projector
            .status()
            .then((status) => {
              const line = formatStatus(status);
              // An idle, caught-up projector would repeat itself; say it once.
              if (line !== lastLogged) logger.log(line);
              lastLogged = line;
            })
            .catch((error: unknown) => logger.error('status failed', error));
        }, config.statusIntervalMs)
      : undefined;

  let stopping: Promise<void> | undefined;
  return {
    projector,
    stop: () =>
      (stopping ??= (async () => {
        if (timer) clearInterval(timer);
        try {
          await projector.stop();
          logger.log(`stopped: ${formatStatus(await projector.status())}`);
        } finally {
          await stores.close();
        }
      })()),
  };
};
