import type Database from 'better-sqlite3';

/** Schema version stored in PRAGMA user_version; bump it and add a step below for every migration. */
export const SCHEMA_VERSION = 1;

/** Migration steps; index i takes the schema from version i to version i + 1. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    stream      TEXT    NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 0),
    event_id    TEXT    NOT NULL UNIQUE,
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL,
    metadata    TEXT    NOT NULL,
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream, revision)
  );
  -- The ledger is append-only. Defence in depth: the application has no update/delete path either.
  CREATE TRIGGER events_no_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  CREATE TRIGGER events_no_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
  `,
];

/**
 * Brings the file's schema up to SCHEMA_VERSION.
 * Runs in an IMMEDIATE transaction and re-reads the version inside it, so two processes opening
 * a fresh file at once do not both create the schema.
 */
export function migrate(db: Database.Database): void {
  const version = (): number => db.pragma('user_version', { simple: true }) as number;
  if (version() === SCHEMA_VERSION) return;
  db.transaction(() => {
    const current = version();
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `Event store schema version ${current} is newer than this build supports (${SCHEMA_VERSION})`,
      );
    }
    for (let step = current; step < SCHEMA_VERSION; step++) db.exec(MIGRATIONS[step]);
    // PRAGMA cannot take bound parameters; the value is our own constant.
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
