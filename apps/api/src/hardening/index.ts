export * from './hardening-config';
export * from './hardening.module';
export * from './apply-http-hardening';
export * from './inspect-input';
