export * from './read-store';
export * from './rules';
export * from './sqlite';
export * from './mongodb';
export * from './open-read-store';
export * from './read-store-unavailable';
