import type { ReadStore } from './read-store';
import { MongoReadStore, type MongoReadStoreOptions } from './mongodb/mongo-read-store';
import { SqliteReadStore, type SqliteReadStoreOptions } from './sqlite/sqlite-read-store';

/** Which read store to open; `kind` uses the names of LEDGER_READSTORE ('embedded' | 'mongodb'). */
export type ReadStoreConfig =
  | ({ kind: 'embedded' } & SqliteReadStoreOptions)
  | ({ kind: 'mongodb' } & MongoReadStoreOptions);

/**
 * Opens the configured read store: the embedded SQLite file (`{ kind: 'embedded', directory: dataDir }`
 * puts it at <dataDir>/read-models.sqlite) or MongoDB (`{ kind: 'mongodb', uri: MONGODB_URI }`).
 * Rejects with ReadStoreUnavailableError when the store cannot be opened or reached.
 */
export async function openReadStore(config: ReadStoreConfig): Promise<ReadStore> {
  if (config.kind === 'mongodb') {
    const { kind: _kind, ...options } = config;
    return MongoReadStore.connect(options);
  }
  const { kind: _kind, ...options } = config;
  return SqliteReadStore.open(options);
}
