/**
 * The read-store port: versioned collections of JSON documents for the projected read models.
 * Adapters: the embedded default (SQLite, in the data directory) and MongoDB.
 *
 * Field names in filters, sorts and indexes come from code, never from user input; adapters still
 * refuse any field that is not a plain dotted path. Values may come from users: adapters pass them
 * as bound parameters (SQLite) or under an explicit operator (MongoDB `$eq`, `$in`, …), so a value
 * can never become an operator.
 */

/** A stored document: JSON with a string id unique within its collection. */
export type ReadDocument = { readonly id: string } & { readonly [field: string]: unknown };

export type Scalar = string | number | boolean | null;

/** One condition on a field (dotted paths reach nested fields, e.g. 'sla.responseBreached'). */
export type FieldCondition =
  | Readonly<{ field: string; op: 'eq' | 'ne'; value: Scalar }>
  | Readonly<{ field: string; op: 'in'; values: readonly Scalar[] }>
  | Readonly<{ field: string; op: 'gt' | 'gte' | 'lt' | 'lte'; value: string | number }>
  /** Case-insensitive substring of a string field (free-text search on titles). */
  | Readonly<{ field: string; op: 'contains'; value: string }>;

/** All conditions must hold; an empty filter matches everything. */
export type Filter = readonly FieldCondition[];

export type SortKey = Readonly<{ field: string; direction: 'asc' | 'desc' }>;

export type FindOptions = Readonly<{
  filter?: Filter;
  /** The adapter adds `id` as the final tiebreaker, so paging is stable. */
  sort?: readonly SortKey[];
  /** 1..1000. */
  limit: number;
  /** Opaque cursor from a previous page's `nextCursor` (keyset pagination; never an offset). */
  cursor?: string;
  /** Also count every match (costs a second query). */
  withTotal?: boolean;
}>;

export type Page<D> = Readonly<{ items: D[]; total?: number; nextCursor: string | null }>;

/** An index for a query the API serves. */
export type IndexSpec = Readonly<{
  name: string;
  keys: readonly SortKey[];
  unique?: boolean;
}>;

export type ReadWrite =
  | Readonly<{ collection: string; type: 'put'; document: ReadDocument }>
  | Readonly<{ collection: string; type: 'delete'; id: string }>;

export type Checkpoint = Readonly<{ name: string; position: bigint }>;

export type CountBucket = Readonly<{ value: Scalar; count: number }>;

export interface ReadStore {
  /** What the adapter can promise; `atomicCommit` is false e.g. for MongoDB without a replica set. */
  readonly capabilities: Readonly<{ atomicCommit: boolean }>;

  /** Creates the collection if needed and every index listed (idempotent). */
  ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void>;
  dropCollection(collection: string): Promise<void>;
  listCollections(): Promise<string[]>;

  get<D extends ReadDocument>(collection: string, id: string): Promise<D | undefined>;
  getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>>;

  /**
   * Applies the writes (puts are whole-document upserts) and moves the checkpoint, in one
   * transaction when `capabilities.atomicCommit`; otherwise writes first, checkpoint last, and
   * idempotent projections make a replay after a crash harmless.
   *
   * A checkpoint never moves back: when the stored position is past `checkpoint.position`, the
   * commit is refused with CheckpointConflictError and writes nothing. That fences a second writer
   * of the same checkpoint (two projectors during a rolling deploy): the one behind cannot replace
   * documents with states older than those already committed. Checked inside the transaction on
   * atomic stores; without transactions, before writing (best effort: run one projector there).
   */
  commit(writes: readonly ReadWrite[], checkpoint?: Checkpoint): Promise<void>;
  readCheckpoint(name: string): Promise<bigint | undefined>;
  /** Removes a checkpoint (a rebuild's, once it is promoted or abandoned). */
  deleteCheckpoint(name: string): Promise<void>;

  find<D extends ReadDocument>(collection: string, options: FindOptions): Promise<Page<D>>;
  count(collection: string, filter?: Filter): Promise<number>;
  /** Counts matching documents per distinct value of a scalar field. */
  countBy(collection: string, field: string, filter?: Filter): Promise<CountBucket[]>;

  /**
   * Which collection currently serves a read model (blue-green rebuilds switch this pointer
   * atomically); undefined until one is set.
   */
  getActiveCollection(readModel: string): Promise<string | undefined>;
  setActiveCollection(readModel: string, collection: string): Promise<void>;

  close(): Promise<void>;
}

/** A field path a query may use: letters, digits and underscores, dot-separated. */
export const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
/** A collection name valid as an SQLite table and a MongoDB collection without quoting. */
export const COLLECTION_NAME = /^[A-Za-z][A-Za-z0-9_]{0,100}$/;

export class InvalidQueryError extends Error {
  override readonly name = 'InvalidQueryError';
}

/**
 * Throws InvalidQueryError for a field or collection name that is not plain. The typeof checks
 * matter: RegExp.test converts its argument to a string, so undefined would pass as 'undefined'.
 */
export const assertFieldPath = (field: string): void => {
  if (typeof field !== 'string' || !FIELD_PATH.test(field)) throw new InvalidQueryError(`Invalid field path '${String(field)}'`);
};
export const assertCollectionName = (collection: string): void => {
  if (typeof collection !== 'string' || !COLLECTION_NAME.test(collection)) {
    throw new InvalidQueryError(`Invalid collection name '${String(collection)}'`);
  }
};
