export * from './bundle-format';
export * from './bundle-verification';
export * from './sign-bundle';
export * from './verify-bundle';
