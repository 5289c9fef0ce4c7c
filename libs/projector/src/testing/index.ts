/** Test helpers of the projector (not part of the build). */
export * from './in-memory-read-store';
export * from './synthetic-ledger';
export * from './executor-incidents';
export * from './read-model-snapshot';
export * from './wait-until';
export * from './flaky-event-store';
export * from './projector-child-process';
export * from './hook-commits';
