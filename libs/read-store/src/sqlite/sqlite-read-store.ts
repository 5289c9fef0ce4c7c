import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  assertCollectionName,
  type Checkpoint,
  type CountBucket,
  type Filter,
  type FindOptions,
  type IndexSpec,
  InvalidQueryError,
  type Page,
  type ReadDocument,
  type ReadStore,
  type ReadWrite,
} from '../read-store';
import { checkIndexSpecs } from '../rules/query-rules';
import { ReadStoreUnavailableError } from '../rules/read-store-errors';
import { assertCheckpointName, assertReadModelName, parsePosition } from '../rules/write-rules';
import { SqliteCatalog } from './sqlite-catalog';
import { SqliteCommitter } from './sqlite-committer';
import { toReadStoreError } from './sqlite-errors';
import { SqliteFinder } from './sqlite-finder';
import { registerReadStoreFunctions } from './sqlite-functions';
import { migrateReadStore } from './sqlite-schema';
import { SqliteStatementCache } from './sqlite-statement-cache';

/** File used when the store is opened on a data directory (the event store has its own file there). */
export const SQLITE_READ_STORE_FILE = 'read-models.sqlite';

/** Page size of new store files (see open). */
const PAGE_SIZE = 16_384;

export type SqliteReadStoreOptions = Readonly<
  (
    | { /** Path of the database file; its directory is created if missing. */ file: string }
    | { /** Data directory; the store lives in `<directory>/read-models.sqlite`. */ directory: string }
  ) & {
    /** How long a statement waits for another process's write lock (blocking the event loop). Default 5000. */
    busyTimeoutMs?: number;
  }
>;

/** The settings the connection runs with, read back from SQLite. */
export type SqliteReadStoreSettings = Readonly<{
  file: string;
  journalMode: string;
  synchronous: number;
  busyTimeoutMs: number;
  /** Bytes per page: 16 KiB for files this version created, whatever they had for older ones. */
  pageSize: number;
}>;

/**
 * The embedded read store: one SQLite file, one table (id, doc JSON) per collection, expression
 * indexes on json_extract for each IndexSpec. Every commit is one transaction (atomicCommit).
 * The API and the projector may open the same file from different processes.
 *
 * better-sqlite3 is synchronous: the methods are async to fit the port, and do their work before
 * their promise settles.
 */
export class SqliteReadStore implements ReadStore {
  readonly capabilities = { atomicCommit: true } as const;
  private readonly statements: SqliteStatementCache;
  private readonly catalog: SqliteCatalog;
  private readonly finder: SqliteFinder;
  private readonly committer: SqliteCommitter;

  private constructor(
    private readonly db: Database.Database,
    readonly file: string,
  ) {
    this.statements = new SqliteStatementCache(db);
    this.catalog = new SqliteCatalog(db, this.statements);
    this.finder = new SqliteFinder(db, this.statements, this.catalog);
    this.committer = new SqliteCommitter(db, this.statements, this.catalog);
  }

  /** Opens (creating and migrating if needed) the store file. */
  static async open(options: SqliteReadStoreOptions): Promise<SqliteReadStore> {
    const file = 'file' in options ? options.file : join(options.directory, SQLITE_READ_STORE_FILE);
    const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
    if (!Number.isInteger(busyTimeoutMs) || busyTimeoutMs < 0) throw new RangeError('busyTimeoutMs must be a non-negative integer');
    let db: Database.Database | undefined;
    try {
      mkdirSync(dirname(file), { recursive: true });
      db = new Database(file, { timeout: busyTimeoutMs });
      // Pages of 16 KiB instead of 4: documents are JSON of a few KiB, and a rebuild writes them
      // by the hundred thousand, each page twice (WAL, then checkpoint); bigger pages take a third
      // off the store's CPU time there, syscalls mostly. Only a new, empty file takes it (before
      // WAL is on); an existing one keeps its page size.
      db.pragma(`page_size = ${PAGE_SIZE}`);
      // WAL: the API reads while the projector writes, in another process.
      const journalMode = db.pragma('journal_mode = WAL', { simple: true });
      if (journalMode !== 'wal') throw new Error(`journal_mode is '${String(journalMode)}', WAL is required`);
      // NORMAL instead of FULL: in WAL mode it never corrupts the file; a power cut may lose the last
      // commits, and because each commit carries its checkpoint, the projector then re-applies them
      // from the older checkpoint. Read models are derived and can always be rebuilt.
      db.pragma('synchronous = NORMAL');
      // Page cache of 32 MiB (negative = KiB) and in-memory sort space: list queries sort and count.
      db.pragma('cache_size = -32768');
      db.pragma('temp_store = MEMORY');
      registerReadStoreFunctions(db);
      migrateReadStore(db);
      return new SqliteReadStore(db, file);
    } catch (error) {
      db?.close();
      const reason = error instanceof Error ? error.message : String(error);
      throw new ReadStoreUnavailableError(`Cannot open the read store at ${file}: ${reason}`, { cause: error });
    }
  }

  /** What the connection actually runs with. */
  get settings(): SqliteReadStoreSettings {
    const db = this.live();
    return {
      file: this.file,
      journalMode: db.pragma('journal_mode', { simple: true }) as string,
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      busyTimeoutMs: db.pragma('busy_timeout', { simple: true }) as number,
      pageSize: db.pragma('page_size', { simple: true }) as number,
    };
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    assertCollectionName(collection);
    checkIndexSpecs(indexes);
    this.live();
    try {
      this.catalog.ensure(collection, indexes);
    } catch (error) {
      throw toReadStoreError(error, `Indexing '${collection}'`);
    }
  }

  async dropCollection(collection: string): Promise<void> {
    assertCollectionName(collection);
    this.live();
    this.catalog.drop(collection);
  }

  async listCollections(): Promise<string[]> {
    this.live();
    return this.catalog.list();
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | undefined> {
    assertCollectionName(collection);
    assertIdArgument(id);
    this.live();
    return this.finder.get<D>(collection, id);
  }

  /** One query whatever the number of ids (no chunking needed: they travel as one JSON parameter). */
  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>> {
    assertCollectionName(collection);
    if (!Array.isArray(ids)) throw new InvalidQueryError('ids must be an array');
    ids.forEach(assertIdArgument);
    this.live();
    return this.finder.getMany<D>(collection, ids);
  }

  async commit(writes: readonly ReadWrite[], checkpoint?: Checkpoint): Promise<void> {
    this.live();
    this.committer.commit(writes, checkpoint);
  }

  async readCheckpoint(name: string): Promise<bigint | undefined> {
    assertCheckpointName(name);
    this.live();
    const stored = this.statements.get('SELECT position FROM read_store_checkpoints WHERE name = ?').pluck().get(name);
    return stored === undefined ? undefined : parsePosition(stored, name);
  }

  async deleteCheckpoint(name: string): Promise<void> {
    assertCheckpointName(name);
    this.live();
    this.statements.get('DELETE FROM read_store_checkpoints WHERE name = ?').run(name);
  }

  async find<D extends ReadDocument>(collection: string, options: FindOptions): Promise<Page<D>> {
    this.live();
    return this.finder.find<D>(collection, options);
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    this.live();
    return this.finder.count(collection, filter);
  }

  async countBy(collection: string, field: string, filter?: Filter): Promise<CountBucket[]> {
    this.live();
    return this.finder.countBy(collection, field, filter);
  }

  /** EXPLAIN QUERY PLAN details of the (first) page query `find` would run. */
  async explainFind(collection: string, options: FindOptions): Promise<string[]> {
    this.live();
    return this.finder.explainFind(collection, options);
  }

  async getActiveCollection(readModel: string): Promise<string | undefined> {
    assertReadModelName(readModel);
    this.live();
    return this.statements.get('SELECT collection FROM read_store_active WHERE read_model = ?').pluck().get(readModel) as
      | string
      | undefined;
  }

  async setActiveCollection(readModel: string, collection: string): Promise<void> {
    assertReadModelName(readModel);
    assertCollectionName(collection);
    this.live();
    this.statements
      .get(
        'INSERT INTO read_store_active (read_model, collection) VALUES (?, ?) ' +
          'ON CONFLICT (read_model) DO UPDATE SET collection = excluded.collection',
      )
      .run(readModel, collection);
  }

  /** Closes the file; closing twice is harmless. */
  async close(): Promise<void> {
    if (!this.db.open) return;
    this.statements.clear();
    this.db.close();
  }

  private live(): Database.Database {
    if (!this.db.open) throw new ReadStoreUnavailableError(`The read store at ${this.file} is closed`);
    return this.db;
  }
}

function assertIdArgument(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new InvalidQueryError('A document id must be a string');
}
