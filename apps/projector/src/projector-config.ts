import { loadStoresConfig, StoresConfigError, type StoresConfig } from '../../../libs/projector/src/cli/stores-config';

/** The projector process's settings: the stores (the API's variables) and a few of its own. */
export type ProjectorProcessConfig = Readonly<{
  stores: StoresConfig;
  /** LEDGER_PROJECTOR_STATUS_INTERVAL_MS: how often status and lag are logged (0 = never). Default 10 000. */
  statusIntervalMs: number;
  /** LEDGER_PROJECTOR_BATCH_SIZE: most events per batch once caught up. Default 500. */
  batchSize: number;
  /** LEDGER_PROJECTOR_CATCHUP_BATCH_SIZE: most events per batch while catching up on a backlog. Default 5000. */
  catchUpBatchSize: number;
  /** LEDGER_LOG_LEVEL=silent turns logging off. */
  silent: boolean;
}>;

const integer = (name: string, value: string | undefined, fallback: number, min: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min) throw new StoresConfigError(`${name} must be an integer >= ${min}; got '${value}'`);
  return parsed;
};

export const loadProjectorProcessConfig = (env: NodeJS.ProcessEnv = process.env): ProjectorProcessConfig => ({
  stores: loadStoresConfig(env),
  statusIntervalMs: integer('LEDGER_PROJECTOR_STATUS_INTERVAL_MS', env.LEDGER_PROJECTOR_STATUS_INTERVAL_MS, 10_000, 0),
  batchSize: integer('LEDGER_PROJECTOR_BATCH_SIZE', env.LEDGER_PROJECTOR_BATCH_SIZE, 500, 1),
  catchUpBatchSize: integer('LEDGER_PROJECTOR_CATCHUP_BATCH_SIZE', env.LEDGER_PROJECTOR_CATCHUP_BATCH_SIZE, 5_000, 1),
  silent: env.LEDGER_LOG_LEVEL === 'silent',
});
