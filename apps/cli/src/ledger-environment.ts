import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { connectEsdbEventStore, type EventStore, SQLITE_EVENT_STORE_FILE, SqliteEventStore } from '@ledger/event-store';
import { ConfigError, type LedgerConfig, loadLedgerConfig } from '../../api/src/config/ledger-config';
import { CliError, EXIT } from './exit-codes';

/** The server's own configuration parser, so the CLI looks at exactly the ledger the server uses. */
export const cliConfig = (env: NodeJS.ProcessEnv): LedgerConfig => {
  try {
    return loadLedgerConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliError(EXIT.usage, `configuration: ${error.message}`);
    throw error;
  }
};

/** Where the store is, for messages: never a connection string's credentials. */
export const describeStore = (config: LedgerConfig): string =>
  config.eventStore === 'esdb'
    ? 'EventStoreDB (EVENTSTORE_CONNECTION_STRING)'
    : `the embedded store in ${join(config.dataDir, SQLITE_EVENT_STORE_FILE)} (LEDGER_DATA_DIR)`;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Opens the configured event store directly. An embedded store that does not exist is an error here,
 * not a new empty ledger: opening would create one, and "verified: 0 events" would be a lie.
 */
export const openConfiguredStore = async (config: LedgerConfig): Promise<EventStore> => {
  if (config.eventStore === 'esdb') {
    try {
      return await connectEsdbEventStore({ connectionString: config.eventStoreConnectionString! });
    } catch (error) {
      throw new CliError(EXIT.storeUnreachable, message(error));
    }
  }
  const file = join(config.dataDir, SQLITE_EVENT_STORE_FILE);
  if (!existsSync(file)) {
    throw new CliError(EXIT.storeUnreachable, `no event store at ${file}; set LEDGER_DATA_DIR to the ledger's data directory`);
  }
  try {
    return await SqliteEventStore.open({ file });
  } catch (error) {
    throw new CliError(EXIT.storeUnreachable, `cannot open ${file}: ${message(error)}`);
  }
};

/** Runs `work` with the configured store open, and closes it whatever happens. */
export const withStore = async <T>(config: LedgerConfig, work: (store: EventStore) => Promise<T>): Promise<T> => {
  const store = await openConfiguredStore(config);
  try {
    return await work(store);
  } finally {
    await store.close().catch(() => undefined);
  }
};
