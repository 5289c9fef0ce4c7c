export { EsdbTestServer, type EsdbTestServerOptions, type ForeignEvent } from './esdb-test-server';
export type { LogRecord } from './log-types';
export type { ServerStats } from './server-context';
