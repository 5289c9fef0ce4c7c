import { EsdbTestServer } from '@ledger/test-support';
import type { EventStore } from '../event-store';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { connectEsdbEventStore } from './connect-esdb-event-store';

/** The port's contract through the real client against the wire-level test server. */
describe('EsdbEventStore on the wire-level test server', () => {
  let server: EsdbTestServer;

  beforeAll(async () => {
    server = await EsdbTestServer.start();
  });

  afterAll(async () => {
    await server.stop();
  });

  describeEventStoreContract('EventStoreDB (wire-level test server)', () => {
    const connect = () => connectEsdbEventStore({ connectionString: server.connectionString });
    return {
      create: connect,
      async reopen(store: EventStore) {
        await store.close();
        return connect();
      },
    };
  });
});

/** The same contract against a real EventStoreDB/KurrentDB, when one is configured. */
const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  describeEventStoreContract('EventStoreDB (real server)', () => {
    const connect = () => connectEsdbEventStore({ connectionString: realServer, startupTimeoutMs: 10_000 });
    return {
      create: connect,
      async reopen(store: EventStore) {
        await store.close();
        return connect();
      },
    };
  });
} else {
  const why =
    'EVENTSTORE_CONNECTION_STRING is not set; to run it: ' +
    'EVENTSTORE_CONNECTION_STRING=esdb://localhost:2113?tls=false npx jest libs/event-store';
  console.warn(`EventStore contract against a real EventStoreDB is skipped: ${why}`);
  describe(`EventStore contract: EventStoreDB (real server) — SKIPPED: ${why}`, () => {
    it.skip('runs the whole contract against a real server', () => undefined);
  });
}
