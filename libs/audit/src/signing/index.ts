export * from './ed25519-signer';
export * from './signing-key-file';
