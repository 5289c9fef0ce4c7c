import { connectEsdbEventStore, SqliteEventStore, type EventStore } from '@ledger/event-store';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openReadStore, type ReadStore, ReadStoreUnavailableError, SQLITE_READ_STORE_FILE } from '@ledger/read-store';
import type { StoresConfig } from './stores-config';

export type OpenStores = Readonly<{
  eventStore: EventStore;
  readStore: ReadStore;
  /** Closes both (the read store first: nothing writes to it once the projector stopped). */
  close(): Promise<void>;
}>;

/** Opens the configured event store and read store; closes the first if the second fails. */
export const openStores = async (config: StoresConfig): Promise<OpenStores> => {
  const eventStore: EventStore =
    config.eventStore === 'esdb'
      ? await connectEsdbEventStore({ connectionString: config.eventStoreConnectionString! })
      : await SqliteEventStore.open({ directory: config.dataDir });
  let readStore: ReadStore;
  try {
    readStore = await openConfiguredReadStore(config);
  } catch (error) {
    await eventStore.close();
    throw error;
  }
  return {
    eventStore,
    readStore,
    close: async () => {
      try {
        await readStore.close();
      } finally {
        await eventStore.close();
      }
    },
  };
};

/** Opens the configured read store: MongoDB, or the embedded file in the data directory. */
export const openConfiguredReadStore = (config: StoresConfig): Promise<ReadStore> =>
  openReadStore(
    config.readStore === 'mongodb' ? { kind: 'mongodb', uri: config.mongodbUri! } : { kind: 'embedded', directory: config.dataDir },
  );

/**
 * For commands that only manage existing read models: like openConfiguredReadStore, but a data
 * directory without its read store is an error (a mistyped LEDGER_DATA_DIR must not create one).
 */
export const openExistingReadStore = async (config: StoresConfig): Promise<ReadStore> => {
  const file = join(config.dataDir, SQLITE_READ_STORE_FILE);
  if (config.readStore !== 'mongodb' && !existsSync(file)) {
    throw new ReadStoreUnavailableError(`No read store at ${file} (check LEDGER_DATA_DIR)`);
  }
  return openConfiguredReadStore(config);
};
