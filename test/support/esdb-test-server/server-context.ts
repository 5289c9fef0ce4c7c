import type { TransactionLog } from './transaction-log';

/** What the service handlers of one running server share. */
export type ServerContext = Readonly<{
  log: TransactionLog;
  /** Aborts when this server instance stops (stop() or restart()). */
  signal: AbortSignal;
  /** Live subscription calls, so tests can see that clients cleaned up. */
  subscriptions: Set<object>;
  /** Counters for tests (e.g. that back-pressure holds a subscription back). */
  stats: ServerStats;
  serverVersion: string;
  advertiseBatchAppend: boolean;
  host: string;
  port: () => number;
  instanceId: string;
}>;

export type ServerStats = {
  subscriptionEventsSent: number;
  /** Streams.Append calls and Streams.BatchAppend appends (one per correlation id) served. */
  appends: number;
  batchAppends: number;
};
