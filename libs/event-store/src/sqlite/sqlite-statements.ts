import type Database from 'better-sqlite3';
import type { JsonObject, RecordedEvent } from '../event-store';

/** An events row as read with safe integers on (INTEGER columns come back as bigint). */
type EventRow = {
  position: bigint;
  stream: string;
  revision: bigint;
  event_id: string;
  type: string;
  data: string;
  metadata: string;
};

/** Largest SQLite INTEGER; the open end of a backwards read. */
export const MAX_INT64 = 9223372036854775807n;

const COLUMNS = 'position, stream, revision, event_id, type, data, metadata';

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  stream: row.stream,
  revision: row.revision,
  position: row.position,
  eventId: row.event_id,
  type: row.type,
  data: JSON.parse(row.data) as JsonObject,
  metadata: JSON.parse(row.metadata) as JsonObject,
});

/**
 * The prepared statements of one connection, prepared once and reused.
 * Safe integers are on for every statement so positions and revisions are bigint end to end.
 * A limit of -1 means "no limit" to SQLite.
 */
export class SqliteStatements {
  private readonly streamForwards;
  private readonly streamBackwards;
  private readonly allForwards;
  private readonly allBackwards;
  private readonly lastRevision;
  private readonly head;
  private readonly insert;

  constructor(db: Database.Database) {
    const prepare = <P extends unknown[], R = unknown>(sql: string) =>
      db.prepare<P, R>(sql).safeIntegers(true);
    this.streamForwards = prepare<[string, bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
    );
    this.streamBackwards = prepare<[string, bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
    );
    this.allForwards = prepare<[bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position > ? ORDER BY position ASC LIMIT ?`,
    );
    this.allBackwards = prepare<[bigint, number], EventRow>(
      `SELECT ${COLUMNS} FROM events WHERE position < ? ORDER BY position DESC LIMIT ?`,
    );
    this.lastRevision = prepare<[string], bigint>(
      'SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1',
    ).pluck(true);
    this.head = prepare<[], bigint | null>('SELECT MAX(position) FROM events').pluck(true);
    this.insert = prepare<[string, bigint, string, string, string, string, string]>(
      `INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  readStreamForwards(stream: string, fromRevision: bigint, limit: number): RecordedEvent[] {
    return this.streamForwards.all(stream, fromRevision, limit).map(toRecordedEvent);
  }

  readStreamBackwards(stream: string, fromRevision: bigint, limit: number): RecordedEvent[] {
    return this.streamBackwards.all(stream, fromRevision, limit).map(toRecordedEvent);
  }

  readAllForwards(after: bigint, limit: number): RecordedEvent[] {
    return this.allForwards.all(after, limit).map(toRecordedEvent);
  }

  readAllBackwards(before: bigint, limit: number): RecordedEvent[] {
    return this.allBackwards.all(before, limit).map(toRecordedEvent);
  }

  /** The stream's last revision, or undefined when the stream does not exist. */
  streamRevision(stream: string): bigint | undefined {
    return this.lastRevision.get(stream) ?? undefined;
  }

  headPosition(): bigint {
    return this.head.get() ?? 0n;
  }

  /** Inserts one event and returns its global position. */
  insertEvent(
    stream: string,
    revision: bigint,
    event: SerializedEvent,
    recordedAt: string,
  ): bigint {
    const { lastInsertRowid } = this.insert.run(
      stream,
      revision,
      event.eventId,
      event.type,
      event.data,
      event.metadata,
      recordedAt,
    );
    return BigInt(lastInsertRowid);
  }
}

/** An event to append with data and metadata already JSON-encoded. */
export type SerializedEvent = Readonly<{
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}>;
