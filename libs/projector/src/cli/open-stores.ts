import { connectEsdbEventStore, SqliteEventStore, type EventStore } from '@ledger/event-store';
import { openReadStore, type ReadStore } from '@ledger/read-store';
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
    readStore = await openReadStore(
      config.readStore === 'mongodb'
        ? { kind: 'mongodb', uri: config.mongodbUri! }
        : { kind: 'embedded', directory: config.dataDir },
    );
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
