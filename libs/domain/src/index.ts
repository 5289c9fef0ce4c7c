export * from './message';
export * from './vocabulary';
export * from './incident-events';
export * from './incident-commands';
export * from './incident-state';
export * from './domain-error';
