export * from './event-store';
export * from './errors';
export * from './streams';
export * from './sqlite';
export * from './esdb';
