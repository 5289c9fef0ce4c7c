import { setTimeout as delay } from 'node:timers/promises';
import { EventStoreDBClient } from '@eventstore/db-client';
import { describeEsdbConnectionString, redactSecrets } from './esdb-connection-string';
import { OperationTimeoutError, isUnavailable } from './esdb-errors';
import { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';

export type ConnectEsdbEventStoreOptions = Readonly<
  {
    /**
     * esdb://host:2113?tls=false, esdb+discover://cluster.example.com:2113, esdb://h1:2113,h2:2113,h3:2113,
     * with user:password@ and TLS options (tls, tlsCAFile, tlsVerifyCert, …) passed to the client as they are.
     */
    connectionString: string;
    /** How long start-up may wait for the server to answer. Default 5 000 ms. */
    startupTimeoutMs?: number;
  } & Omit<EsdbEventStoreOptions, 'description'>
>;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Connects to EventStoreDB and checks, before returning, that the server answers a read of the newest
 * ledger event in $all, retrying until startupTimeoutMs. Fails with an Error naming the connection
 * string (credentials removed), how it was tried and the last error.
 */
export async function connectEsdbEventStore(options: ConnectEsdbEventStoreOptions): Promise<EsdbEventStore> {
  const { connectionString, startupTimeoutMs = 5_000, ...storeOptions } = options;
  const summary = describeEsdbConnectionString(connectionString);
  let client: EventStoreDBClient;
  try {
    client = EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new Error(
      `Invalid EventStoreDB connection string ${summary.redacted}: ${redactSecrets(message(error), connectionString)}`,
    );
  }
  const store = new EsdbEventStore(client, { ...storeOptions, description: summary.redacted });
  const deadline = Date.now() + startupTimeoutMs;
  let attempts = 0;
  let lastError: unknown;
  for (;;) {
    attempts += 1;
    try {
      await store.ping(Math.max(1, deadline - Date.now()));
      return store;
    } catch (error) {
      // A refused connection says more than our own deadline cutting the last attempt short.
      if (lastError === undefined || !(error instanceof OperationTimeoutError)) lastError = error;
    }
    const remaining = deadline - Date.now();
    if (!isUnavailable(lastError) || remaining < 100) break;
    await delay(Math.min(250 * attempts, 1_000, remaining - 50));
  }
  await store.close();
  throw new Error(
    `Cannot use EventStoreDB at ${summary.redacted}: tried ${attempts} time(s) within ${startupTimeoutMs} ms ` +
      `to read the newest ledger event from $all via ${summary.approach}; ` +
      `last error: ${redactSecrets(message(lastError ?? 'none'), connectionString)}`,
  );
}
