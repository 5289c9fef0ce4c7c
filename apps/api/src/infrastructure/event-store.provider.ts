import { Logger, type Provider } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { connectEsdbEventStore, SqliteEventStore } from '@ledger/event-store';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';

export const EVENT_STORE = Symbol('EVENT_STORE');

/** Opens the configured event store: the embedded SQLite file by default, EventStoreDB when asked. */
export const openEventStore = async (config: LedgerConfig): Promise<EventStore> => {
  const logger = new Logger('EventStore');
  switch (config.eventStore) {
    case 'embedded': {
      const store = await SqliteEventStore.open({ directory: config.dataDir });
      logger.log(`Embedded event store in ${config.dataDir}`);
      return store;
    }
    case 'esdb': {
      // Fails within seconds, naming the (credential-free) connection string, if the server is unreachable.
      const store = await connectEsdbEventStore({ connectionString: config.eventStoreConnectionString! });
      logger.log('EventStoreDB event store connected');
      return store;
    }
  }
};

export const eventStoreProvider: Provider = {
  provide: EVENT_STORE,
  inject: [LEDGER_CONFIG],
  useFactory: openEventStore,
};
