import { EsdbTestServer } from './esdb-test-server';
import { type LedgerTestApp, startLedgerTestApp } from './ledger-test-app';

/** A way to run the ledger: which event store, and the environment that selects it. */
export type LedgerTarget = Readonly<{
  name: string;
  start(): Promise<LedgerTestApp & { esdb?: EsdbTestServer }>;
}>;

/** The embedded default, and EventStoreDB through the wire-level test server (the real client over gRPC). */
export const LEDGER_TARGETS: readonly LedgerTarget[] = [
  { name: 'embedded event store', start: () => startLedgerTestApp() },
  {
    name: 'EventStoreDB (LEDGER_EVENTSTORE=esdb, gRPC test server)',
    start: async () => {
      const esdb = await EsdbTestServer.start();
      const ledger = await startLedgerTestApp({
        LEDGER_EVENTSTORE: 'esdb',
        EVENTSTORE_CONNECTION_STRING: esdb.connectionString,
      });
      return {
        ...ledger,
        esdb,
        close: async () => {
          await ledger.close();
          await esdb.stop();
        },
      };
    },
  },
];
