export * from './sqlite-event-store';
export { DuplicateEventIdError } from './duplicate-event-id-error';
export type { GroupCommitStats } from './sqlite-batch-writer';
