export * from './checkpoint-format';
export * from './head-map';
export * from './checkpoint-signature';
export * from './checkpoint-chain';
export * from './checkpoint-state';
export * from './checkpoint-writer';
