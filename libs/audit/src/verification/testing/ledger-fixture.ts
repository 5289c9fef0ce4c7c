import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type EventStore, incidentStream, SQLITE_EVENT_STORE_FILE } from '@ledger/event-store';
import { ChainedStreamWriter } from '@ledger/ledger';

/** The envelope fields tests seal events with. */
export const TEST_CONTEXT = {
  actor: { id: 'p-1', name: 'auditor1' },
  commandId: 'c',
  commandFingerprint: 'f',
  correlationId: 'corr',
  causationId: 'cause',
  occurredAt: '2026-11-23T10:00:00.000Z',
} as const;

/** Appends `count` sealed note events to an incident's stream (new incident unless given); returns its id. */
export const appendNotes = async (store: EventStore, count: number, incidentId: string = randomUUID()): Promise<string> => {
  const writer = new ChainedStreamWriter(store);
  for (let i = 0; i < count; i++) {
    await writer.append(
      incidentStream(incidentId),
      [{ type: 'NoteAdded', data: { incidentId, noteId: randomUUID(), text: `note ${i}`, author: 'auditor1' }, schemaVersion: 1 }],
      TEST_CONTEXT,
    );
  }
  return incidentId;
};

/**
 * Opens a SQLite event store's file directly, with the append-only triggers dropped: what someone with
 * file access could do. Close the store first (or keep it open only for reads).
 */
export const openForTampering = (dataDir: string): Database.Database => {
  const db = new Database(join(dataDir, SQLITE_EVENT_STORE_FILE));
  db.exec('DROP TRIGGER IF EXISTS events_no_update; DROP TRIGGER IF EXISTS events_no_delete;');
  return db;
};

/** A row of the events table. */
export type EventRow = { position: number; stream: string; revision: number; event_id: string; type: string; data: string; metadata: string };

/** The rows of one stream, by revision. */
export const streamRows = (db: Database.Database, stream: string): EventRow[] =>
  db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as EventRow[];
