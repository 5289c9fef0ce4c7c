import type { AnyBulkWriteOperation, ClientSession, Collection, Db, MongoClient } from 'mongodb';
import {
  assertCollectionName,
  assertFieldPath,
  type Checkpoint,
  COLLECTION_NAME,
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
import { checkFilter, checkIndexSpecs, resolveFind } from '../rules/query-rules';
import { assertCheckpointForward, ReadStoreUnavailableError } from '../rules/read-store-errors';
import {
  assertCheckpointName,
  assertReadModelName,
  checkCheckpoint,
  checkWrites,
  parsePosition,
} from '../rules/write-rules';
import { type MongoReadStoreOptions, openMongoConnection } from './mongo-connection';
import { countByPipeline, toBuckets } from './mongo-count-by';
import { hasCode, toReadStoreError } from './mongo-errors';
import { allOf, toMongoFilter } from './mongo-filter';
import { ensureIndexes } from './mongo-indexes';
import { cursorAfter, keysetQuery, toMongoSort } from './mongo-keyset';
import { bulkOperationsByCollection, type Stored } from './mongo-writes';

/** Checkpoints (`{ _id: name, position: '<decimal>' }`) and blue-green pointers. */
const CHECKPOINTS = '_checkpoints';
const ACTIVE = '_active';
const NAMESPACE_EXISTS = 48;
const NAMESPACE_NOT_FOUND = 26;
const GET_MANY_CHUNK = 1000;

export type { MongoReadStoreOptions } from './mongo-connection';

/**
 * The MongoDB read store, through the official driver. One MongoDB collection per read-store
 * collection, documents stored with `_id` = id (stripped on read, so documents come back exactly as
 * put). Commits are one transaction on replica sets and sharded clusters; on a standalone server
 * they are writes first, checkpoint last (capabilities.atomicCommit = false).
 */
export class MongoReadStore implements ReadStore {
  /** Collections this process created or ensured; others are created before a commit writes to them. */
  private readonly known = new Set<string>();
  private closed = false;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    readonly capabilities: Readonly<{ atomicCommit: boolean }>,
    /** The connection string without credentials, for messages. */
    readonly redactedUri: string,
  ) {}

  /**
   * Connects, checks what the deployment supports (hello) and creates the store's own collections.
   * Fails within `startupTimeoutMs` with ReadStoreUnavailableError naming the URI without credentials.
   */
  static async connect(options: MongoReadStoreOptions): Promise<MongoReadStore> {
    const connection = await openMongoConnection(options);
    const capabilities = { atomicCommit: connection.atomicCommit };
    const store = new MongoReadStore(connection.client, connection.db, capabilities, connection.redactedUri);
    try {
      await store.createIfMissing(CHECKPOINTS);
      await store.createIfMissing(ACTIVE);
    } catch (error) {
      await store.close();
      throw new ReadStoreUnavailableError(`Cannot use MongoDB at ${connection.redactedUri}: ${(error as Error).message}`);
    }
    return store;
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    assertCollectionName(collection);
    checkIndexSpecs(indexes);
    this.assertOpen();
    await this.createIfMissing(collection);
    try {
      await ensureIndexes(this.db.collection(collection), indexes);
    } catch (error) {
      throw toReadStoreError(error, `Indexing '${collection}'`);
    }
  }

  async dropCollection(collection: string): Promise<void> {
    assertCollectionName(collection);
    this.assertOpen();
    this.known.delete(collection);
    try {
      await this.db.dropCollection(collection);
    } catch (error) {
      // Servers before 7.0 refuse to drop what does not exist.
      if (!hasCode(error, NAMESPACE_NOT_FOUND)) throw error;
    }
  }

  async listCollections(): Promise<string[]> {
    this.assertOpen();
    const entries = await this.db.listCollections({}, { nameOnly: true }).toArray();
    // The store's own collections start with '_', which COLLECTION_NAME excludes, as are system.*.
    return entries.map((entry) => entry.name).filter((name) => COLLECTION_NAME.test(name)).sort();
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | undefined> {
    assertCollectionName(collection);
    assertIdArgument(id);
    this.assertOpen();
    const found = await this.data(collection).findOne({ _id: { $eq: id } }, { projection: { _id: 0 } });
    return found === null ? undefined : (found as unknown as D);
  }

  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>> {
    assertCollectionName(collection);
    if (!Array.isArray(ids)) throw new InvalidQueryError('ids must be an array');
    ids.forEach(assertIdArgument);
    this.assertOpen();
    const byId = new Map<string, D>();
    const unique = [...new Set(ids)];
    for (let start = 0; start < unique.length; start += GET_MANY_CHUNK) {
      const chunk = unique.slice(start, start + GET_MANY_CHUNK);
      const documents = await this.data(collection).find({ _id: { $in: chunk } }, { projection: { _id: 0 } }).toArray();
      for (const document of documents) byId.set(String(document.id), document as unknown as D);
    }
    // In the order asked for, as the SQLite store returns them.
    const found = new Map<string, D>();
    for (const id of unique) {
      const document = byId.get(id);
      if (document !== undefined) found.set(id, document);
    }
    return found;
  }

  async commit(writes: readonly ReadWrite[], checkpoint?: Checkpoint): Promise<void> {
    checkCheckpoint(checkpoint);
    const checked = checkWrites(writes);
    this.assertOpen();
    const batches = bulkOperationsByCollection(checked);
    // Creating collections inside a transaction has restrictions (and costs); do it first.
    for (const collection of batches.keys()) await this.createIfMissing(collection);
    try {
      if (!this.capabilities.atomicCommit) {
        await this.write(batches, checkpoint);
        return;
      }
      const session = this.client.startSession();
      try {
        await session.withTransaction(() => this.write(batches, checkpoint, session));
      } finally {
        await session.endSession();
      }
    } catch (error) {
      throw toReadStoreError(error, 'The commit');
    }
  }

  async readCheckpoint(name: string): Promise<bigint | undefined> {
    assertCheckpointName(name);
    this.assertOpen();
    const found = await this.data(CHECKPOINTS).findOne({ _id: { $eq: name } });
    return found === null ? undefined : parsePosition(found.position, name);
  }

  async deleteCheckpoint(name: string): Promise<void> {
    assertCheckpointName(name);
    this.assertOpen();
    await this.data(CHECKPOINTS).deleteOne({ _id: { $eq: name } });
  }

  async find<D extends ReadDocument>(collection: string, options: FindOptions): Promise<Page<D>> {
    assertCollectionName(collection);
    const query = resolveFind(options);
    this.assertOpen();
    const filter = toMongoFilter(query.filter);
    const where = query.after === undefined ? filter : allOf(filter, keysetQuery(query.sort, query.after));
    const data = this.data(collection);
    const [documents, total] = await Promise.all([
      data.find(where, { sort: toMongoSort(query.sort), limit: query.limit + 1, projection: { _id: 0 } }).toArray(),
      query.withTotal ? data.countDocuments(filter) : Promise.resolve(undefined),
    ]);
    const items = documents.slice(0, query.limit) as unknown as D[];
    const nextCursor = documents.length > query.limit ? cursorAfter(query.sort, items[items.length - 1]) : null;
    return total === undefined ? { items, nextCursor } : { items, total, nextCursor };
  }

  async count(collection: string, filter?: Filter): Promise<number> {
    assertCollectionName(collection);
    const checked = checkFilter(filter);
    this.assertOpen();
    return this.data(collection).countDocuments(toMongoFilter(checked));
  }

  async countBy(collection: string, field: string, filter?: Filter): Promise<CountBucket[]> {
    assertCollectionName(collection);
    assertFieldPath(field);
    const checked = checkFilter(filter);
    this.assertOpen();
    const groups = await this.data(collection).aggregate(countByPipeline(field, toMongoFilter(checked))).toArray();
    return toBuckets(groups);
  }

  async getActiveCollection(readModel: string): Promise<string | undefined> {
    assertReadModelName(readModel);
    this.assertOpen();
    const found = await this.data(ACTIVE).findOne({ _id: { $eq: readModel } });
    return typeof found?.collection === 'string' ? found.collection : undefined;
  }

  async setActiveCollection(readModel: string, collection: string): Promise<void> {
    assertReadModelName(readModel);
    assertCollectionName(collection);
    this.assertOpen();
    await this.data(ACTIVE).replaceOne({ _id: { $eq: readModel } }, { _id: readModel, collection }, { upsert: true });
  }

  /** Closes the connection pool; closing twice is harmless. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  /**
   * Each collection's writes as one ordered bulkWrite, then the checkpoint (inside the session if
   * any). The stored checkpoint is read first: in a transaction, a writer that moves it meanwhile
   * makes this one conflict, and withTransaction retries it against the new position.
   */
  private async write(
    batches: Map<string, AnyBulkWriteOperation<Stored>[]>,
    checkpoint: Checkpoint | undefined,
    session?: ClientSession,
  ): Promise<void> {
    if (checkpoint) {
      const stored = await this.data(CHECKPOINTS).findOne({ _id: { $eq: checkpoint.name } }, { session });
      assertCheckpointForward(
        checkpoint.name,
        stored === null ? undefined : parsePosition(stored.position, checkpoint.name),
        checkpoint.position,
      );
    }
    for (const [collection, operations] of batches) {
      await this.data(collection).bulkWrite(operations, { ordered: true, session });
    }
    if (checkpoint) {
      await this.data(CHECKPOINTS).replaceOne(
        { _id: { $eq: checkpoint.name } },
        { _id: checkpoint.name, position: checkpoint.position.toString() },
        { upsert: true, session },
      );
    }
  }

  private async createIfMissing(collection: string): Promise<void> {
    if (this.known.has(collection)) return;
    try {
      await this.db.createCollection(collection);
    } catch (error) {
      // Servers before 7.0 refuse to create what exists.
      if (!hasCode(error, NAMESPACE_EXISTS)) throw error;
    }
    this.known.add(collection);
  }

  private data(collection: string): Collection<Stored> {
    return this.db.collection<Stored>(collection);
  }

  private assertOpen(): void {
    if (this.closed) throw new ReadStoreUnavailableError(`The read store at ${this.redactedUri} is closed`);
  }
}

function assertIdArgument(id: unknown): asserts id is string {
  if (typeof id !== 'string') throw new InvalidQueryError('A document id must be a string');
}
