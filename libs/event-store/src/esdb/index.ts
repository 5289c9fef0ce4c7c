export { EsdbEventStore, type EsdbEventStoreOptions } from './esdb-event-store';
export { connectEsdbEventStore, type ConnectEsdbEventStoreOptions } from './connect-esdb-event-store';
export type { SubscriptionRetryOptions } from './esdb-subscription';
export {
  describeEsdbConnectionString,
  redactConnectionString,
  type EsdbConnectionSummary,
} from './esdb-connection-string';
