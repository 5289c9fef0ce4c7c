export * from './verification-result';
export * from './canonical-json';
export * from './event-hash';
export * from './chain-link';
export * from './ledger-verifier';
export * from './incident-verifier';
export * from './ledger-verifier-service';
