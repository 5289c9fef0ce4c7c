export * from './access-record';
export * from './access-recorder';
export * from './access-records';
