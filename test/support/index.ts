export * from './ledger-test-app';
export * from './ledger-http-client';
export * from './incident-fixtures';
export * from './recorded-events';
export * from './ledger-process';
export * from './esdb-test-server';
export * from './ledger-targets';
