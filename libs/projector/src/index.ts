/**
 * The projector: keeps the read models current from the event store (checkpoints, crash safety,
 * lag, read-your-writes) and rebuilds them blue-green. Framework-free; see docs/projections.md.
 */
export * from './projector';
export * from './projector-options';
export * from './projector-status';
export * from './rebuild';
export * from './prune';
export * from './rebuild-types';
// The CLI's projection selection ('incident-summary', 'incident_summary_v1', 'all'), shared with the API.
export { selectProjections } from './cli/rebuild-command';
export * from './projection-lane';
export * from './batch-projection';
export * from './subscription-batcher';
export * from './collections';
export * from './read-model-indexes';
export * from './logger';
export type { RetryOptions } from './internal/backoff';
export * from './checkpoint-progress';
