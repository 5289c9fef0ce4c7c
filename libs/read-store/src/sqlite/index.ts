export { SqliteReadStore, SQLITE_READ_STORE_FILE } from './sqlite-read-store';
export type { SqliteReadStoreOptions, SqliteReadStoreSettings } from './sqlite-read-store';
