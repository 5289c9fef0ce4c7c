export * from './replay-types';
export { diffState } from './state-diff';
export { replayIncident } from './replay-incident';
