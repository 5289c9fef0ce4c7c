export {};
export * from './replay';
export * from './export';
export * from './signing';
export * from './checkpoints';
export * from './verification';
export * from './bundle';
