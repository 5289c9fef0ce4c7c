import type Database from 'better-sqlite3';

/** Schema version of the store's own tables, in PRAGMA user_version. */
export const READ_STORE_SCHEMA_VERSION = 1;

/** Index i takes the schema from version i to i + 1. Collection tables are created on demand. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE read_store_checkpoints (
    name     TEXT PRIMARY KEY NOT NULL,
    -- decimal string: positions are bigints and must not lose precision past 2^53
    position TEXT NOT NULL
  );
  CREATE TABLE read_store_active (
    read_model TEXT PRIMARY KEY NOT NULL,
    collection TEXT NOT NULL
  );
  -- Paths that have held an array in some document of a collection. Filters add array-element
  -- matching only for these, so filters on scalar fields stay plain, index-friendly comparisons.
  CREATE TABLE read_store_array_paths (
    collection TEXT NOT NULL,
    path       TEXT NOT NULL,
    PRIMARY KEY (collection, path)
  ) WITHOUT ROWID;
  `,
];

/**
 * Brings the store's tables up to READ_STORE_SCHEMA_VERSION in an IMMEDIATE transaction that
 * re-reads the version, so two processes opening a fresh file do not both migrate.
 */
export function migrateReadStore(db: Database.Database): void {
  const version = (): number => db.pragma('user_version', { simple: true }) as number;
  if (version() === READ_STORE_SCHEMA_VERSION) return;
  db.transaction(() => {
    const current = version();
    if (current > READ_STORE_SCHEMA_VERSION) {
      throw new Error(`Read store schema version ${current} is newer than this build supports (${READ_STORE_SCHEMA_VERSION})`);
    }
    for (let step = current; step < READ_STORE_SCHEMA_VERSION; step++) db.exec(MIGRATIONS[step]);
    // PRAGMA takes no bound parameters; the value is our own constant.
    db.pragma(`user_version = ${READ_STORE_SCHEMA_VERSION}`);
  }).immediate();
}
