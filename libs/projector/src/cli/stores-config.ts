import { resolve } from 'node:path';

/**
 * Where the stores are, from the same variables the API reads:
 * LEDGER_EVENTSTORE=embedded|esdb, LEDGER_DATA_DIR, EVENTSTORE_CONNECTION_STRING,
 * LEDGER_READSTORE=embedded|mongodb, MONGODB_URI.
 */
export type StoresConfig = Readonly<{
  eventStore: 'embedded' | 'esdb';
  readStore: 'embedded' | 'mongodb';
  /** Absolute; the embedded stores live in events.sqlite and read-models.sqlite here. */
  dataDir: string;
  eventStoreConnectionString?: string;
  mongodbUri?: string;
}>;

/** A variable is missing or wrong; the message names it. */
export class StoresConfigError extends Error {
  override readonly name = 'StoresConfigError';
}

const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new StoresConfigError(`${name} must be one of ${allowed.join(', ')}; got '${value}'`);
};

export const loadStoresConfig = (env: NodeJS.ProcessEnv = process.env): StoresConfig => {
  const eventStore = oneOf('LEDGER_EVENTSTORE', env.LEDGER_EVENTSTORE, ['embedded', 'esdb'] as const, 'embedded');
  const readStore = oneOf('LEDGER_READSTORE', env.LEDGER_READSTORE, ['embedded', 'mongodb'] as const, 'embedded');
  if (eventStore === 'esdb' && !env.EVENTSTORE_CONNECTION_STRING) {
    throw new StoresConfigError('LEDGER_EVENTSTORE=esdb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
  }
  if (readStore === 'mongodb' && !env.MONGODB_URI) {
    throw new StoresConfigError('LEDGER_READSTORE=mongodb needs MONGODB_URI (e.g. mongodb://localhost:27017/?replicaSet=rs0)');
  }
  return {
    eventStore,
    readStore,
    dataDir: resolve(env.LEDGER_DATA_DIR || './data'),
    ...(env.EVENTSTORE_CONNECTION_STRING && { eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING }),
    ...(env.MONGODB_URI && { mongodbUri: env.MONGODB_URI }),
  };
};

/** One line for logs, without credentials. */
export const describeStoresConfig = (config: StoresConfig): string =>
  `event store ${config.eventStore === 'embedded' ? `embedded in ${config.dataDir}` : 'EventStoreDB'}, ` +
  `read store ${config.readStore === 'embedded' ? `embedded in ${config.dataDir}` : 'MongoDB'}`;
