import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store';
import { EventStoreUnavailableError } from '../errors';
import { CommitSignal } from './commit-signal';
import { GroupCommitQueue } from './group-commit-queue';
import { type GroupCommitStats, type PendingAppend, SqliteBatchWriter } from './sqlite-batch-writer';
import { toStoreError } from './sqlite-errors';
import { migrate } from './sqlite-schema';
import {
  bound,
  checkExpectedRevision,
  limitOf,
  nonEmptyString,
  positiveInteger,
  serializeEvents,
} from './sqlite-input';
import { MAX_INT64, SqliteStatements } from './sqlite-statements';
import { SqliteSubscription } from './sqlite-subscription';
import { syncDirectory } from './sync-directory';

/** File name used when the store is opened on a directory. */
export const SQLITE_EVENT_STORE_FILE = 'events.sqlite';

export type SqliteEventStoreOptions = Readonly<
  (
    | { /** Path of the database file; its directory is created if missing. */ file: string }
    | { /** Data directory; the store lives in `<directory>/events.sqlite`. */ directory: string }
  ) & {
    /**
     * How long a write waits for another process's write lock before failing with
     * EventStoreUnavailableError. better-sqlite3 is synchronous, so this wait blocks the event loop.
     * Default 5000.
     */
    busyTimeoutMs?: number;
    /** How often live subscriptions look for appends made by other processes. Default 100. */
    pollIntervalMs?: number;
    /** Most appends committed in one transaction. Default 1000. */
    maxBatchAppends?: number;
    /** Default readAll page size and the subscriptions' page size. Default 1000. */
    pageSize?: number;
  }
>;

/** The settings the connection actually runs with, read back from SQLite. */
export type SqliteStorageSettings = Readonly<{
  file: string;
  journalMode: string;
  /** 2 = FULL. */
  synchronous: number;
  busyTimeoutMs: number;
  schemaVersion: number;
}>;

/**
 * The embedded event store: one SQLite file in WAL mode with synchronous=FULL, so an acknowledged
 * append survives a crash or power loss. Other processes (CLI, projector) may open the same file;
 * writes serialize on SQLite's write lock and optimistic concurrency holds across processes.
 *
 * Appends go through a group commit: appends made while the previous flush was pending are written
 * in one transaction, so concurrent writers share an fsync. Events are never updated or deleted.
 */
export class SqliteEventStore implements EventStore {
  private readonly queue: GroupCommitQueue<PendingAppend, AppendResult>;
  private readonly writer: SqliteBatchWriter;
  private readonly signal = new CommitSignal();
  private readonly subscriptions = new Set<SqliteSubscription>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteStatements,
    private readonly file: string,
    private readonly pollIntervalMs: number,
    private readonly pageSize: number,
    maxBatchAppends: number,
  ) {
    this.writer = new SqliteBatchWriter(db, statements);
    this.queue = new GroupCommitQueue(
      (batch) => {
        const outcomes = this.writer.write(batch);
        if (outcomes.some((outcome) => outcome.ok)) this.signal.notify();
        return outcomes;
      },
      maxBatchAppends,
      (error) => toStoreError(error, 'append'),
    );
  }

  /** Opens (creating and migrating if needed) the store file. */
  static async open(options: SqliteEventStoreOptions): Promise<SqliteEventStore> {
    const file =
      'file' in options ? options.file : join(options.directory, SQLITE_EVENT_STORE_FILE);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) {
      throw new RangeError('busyTimeoutMs must be a non-negative integer');
    }
    const pollIntervalMs = positiveInteger(options.pollIntervalMs ?? 100, 'pollIntervalMs');
    const pageSize = positiveInteger(options.pageSize ?? 1000, 'pageSize');
    const maxBatchAppends = positiveInteger(options.maxBatchAppends ?? 1000, 'maxBatchAppends');
    mkdirSync(dirname(file), { recursive: true });

    let db: Database.Database | undefined;
    try {
      db = new Database(file, { timeout: busyTimeoutMs });
      // WAL lets readers (subscribers, other processes) run while one writer commits.
      const journalMode = db.pragma('journal_mode = WAL', { simple: true });
      if (journalMode !== 'wal') {
        // E.g. a network file system: refuse rather than run without the sharing we rely on.
        throw new Error(
          `SQLite event store: cannot enable WAL on ${file} (journal mode ${String(journalMode)})`,
        );
      }
      // After journal_mode: this build defaults WAL connections to NORMAL, which can lose the last
      // commits on power loss. FULL fsyncs the WAL on every commit.
      db.pragma('synchronous = FULL');
      migrate(db);
      syncDirectory(dirname(file));
      return new SqliteEventStore(
        db,
        new SqliteStatements(db),
        file,
        pollIntervalMs,
        pageSize,
        maxBatchAppends,
      );
    } catch (error) {
      db?.close();
      throw toStoreError(error, `open ${file}`);
    }
  }

  /** Group-commit counters since this instance was opened. */
  get commitStats(): GroupCommitStats {
    return this.writer.stats;
  }

  /** The connection's effective durability and locking settings. */
  storageSettings(): SqliteStorageSettings {
    this.assertOpen();
    return {
      file: this.file,
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      synchronous: Number(this.db.pragma('synchronous', { simple: true })),
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
      schemaVersion: Number(this.db.pragma('user_version', { simple: true })),
    };
  }

  async append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (this.closing) throw closedError();
    // Validate and encode before queueing: a bad append must not take its batch down with it.
    const pending: PendingAppend = {
      stream: nonEmptyString(stream, 'stream'),
      events: serializeEvents(events),
      expectedRevision: checkExpectedRevision(expectedRevision),
    };
    return this.queue.enqueue(pending);
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = limitOf(options.maxCount, -1);
    const from = options.fromRevision;
    if (from !== undefined && (typeof from !== 'bigint' || from < 0n)) {
      throw new RangeError('fromRevision must be a non-negative bigint');
    }
    return this.read('readStream', () =>
      options.direction === 'backwards'
        ? this.statements.readStreamBackwards(stream, from ?? MAX_INT64, limit)
        : this.statements.readStreamForwards(stream, from ?? 0n, limit),
    );
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = limitOf(options.maxCount, this.pageSize);
    return this.read('readAll', () =>
      options.direction === 'backwards'
        ? this.statements.readAllBackwards(bound(options.before, MAX_INT64, 'before'), limit)
        : this.statements.readAllForwards(bound(options.after, 0n, 'after'), limit),
    );
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    this.assertOpen();
    const subscription: SqliteSubscription = new SqliteSubscription({
      after: bound(options.after, 0n, 'after'),
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
      readPage: (after, limit) =>
        this.readNow('subscription', () => this.statements.readAllForwards(after, limit)),
      signal: this.signal,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async headPosition(): Promise<bigint> {
    return this.read('headPosition', () => this.statements.headPosition());
  }

  /** Flushes pending appends, ends subscriptions, closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.queue.drain();
      await Promise.all([...this.subscriptions].map((subscription) => subscription.close()));
      this.db.close();
    })();
    return this.closing;
  }

  private async read<T>(doing: string, query: () => T): Promise<T> {
    return this.readNow(doing, query);
  }

  private readNow<T>(doing: string, query: () => T): T {
    this.assertOpen();
    try {
      return query();
    } catch (error) {
      throw toStoreError(error, doing);
    }
  }

  private assertOpen(): void {
    if (this.closing || !this.db.open) throw closedError();
  }
}

const closedError = (): EventStoreUnavailableError =>
  new EventStoreUnavailableError('SQLite event store is closed');
