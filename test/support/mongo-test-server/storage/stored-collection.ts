import { UUID, type Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { IndexDefinition } from './index-definition';

/** A unique index's entries: index key -> key of the document holding it. */
type KeyMap = Map<string, string>;

/**
 * What commands read and write through: a committed collection (StoredCollection) or a
 * transaction's layer over one (CollectionLayer).
 */
export interface CollectionData {
  readonly db: string;
  readonly name: string;
  readonly ns: string;
  readonly uuid: UUID;
  readonly options: Document;
  readonly size: number;
  get(key: string): Document | undefined;
  /** All documents in natural (insertion) order. */
  documents(): Document[];
  /** See {@link StoredCollection.candidates}. */
  candidates(ids: readonly unknown[] | undefined): Document[];
  indexes(): readonly IndexDefinition[];
  insert(doc: Document): void;
  replace(key: string, doc: Document): void;
  remove(key: string): void;
  addIndex(index: IndexDefinition): void;
  dropIndex(name: string): void;
}

/**
 * One collection's documents (in natural order, keyed by their _id) and indexes, with unique
 * indexes enforced on every write.
 *
 * Documents are immutable once stored: writers store new objects. Transactions read a snapshot:
 * the collection objects of the catalog when they started, each held (see {@link hold}) until
 * the transaction ends. A held collection never changes; a writer outside the transaction copies
 * it first (copy-on-write), which only happens while transactions overlap. Transactions write
 * to a CollectionLayer over their snapshot, one document at a time.
 */
export class StoredCollection implements CollectionData {
  /** Open transactions whose snapshot shares this object; while any does, it must not change. */
  private holders = 0;

  private constructor(
    readonly db: string,
    readonly name: string,
    /** Survives renames, distinguishes a dropped and re-created collection. */
    readonly uuid: UUID,
    readonly options: Document,
    private readonly docs: Map<string, Document>,
    private readonly indexList: IndexDefinition[],
    private readonly uniqueKeys: Map<string, KeyMap>,
    /** Natural-order position of each document (a record id), to order lookups by _id. */
    private readonly positions: Map<string, number>,
    private nextPosition: number,
  ) {}

  static create(db: string, name: string, options: Document = {}): StoredCollection {
    return new StoredCollection(db, name, new UUID(), options, new Map(), [IndexDefinition.idIndex], new Map(), new Map(), 0);
  }

  /** The key a document is stored under: its _id in canonical form. */
  static idKey(id: unknown): string {
    return BsonValues.key(id);
  }

  get ns(): string {
    return `${this.db}.${this.name}`;
  }

  get size(): number {
    return this.docs.size;
  }

  /** Whether a transaction snapshot shares this object, so writers must copy it. */
  get frozen(): boolean {
    return this.holders > 0;
  }

  hold(): void {
    this.holders++;
  }

  release(): void {
    if (this.holders > 0) this.holders--;
  }

  /** A private, unfrozen copy; optionally under another name (renameCollection keeps the uuid). */
  copy(db = this.db, name = this.name): StoredCollection {
    const uniqueKeys = new Map<string, KeyMap>();
    for (const [index, keys] of this.uniqueKeys) uniqueKeys.set(index, new Map(keys));
    return new StoredCollection(
      db,
      name,
      this.uuid,
      this.options,
      new Map(this.docs),
      [...this.indexList],
      uniqueKeys,
      new Map(this.positions),
      this.nextPosition,
    );
  }

  /** All documents in natural (insertion) order. */
  documents(): Document[] {
    return [...this.docs.values()];
  }

  /**
   * The documents that can match a filter, in natural order: when the filter pins _id to some
   * values (see DocumentMatcher.ids), only those, found by key like mongod's _id index does.
   */
  candidates(ids: readonly unknown[] | undefined): Document[] {
    if (ids === undefined) return this.documents();
    const keys = [...new Set(ids.map((id) => StoredCollection.idKey(id)))].filter((k) => this.docs.has(k));
    keys.sort((a, b) => this.positions.get(a)! - this.positions.get(b)!);
    return keys.map((k) => this.docs.get(k)!);
  }

  get(key: string): Document | undefined {
    return this.docs.get(key);
  }

  /** Documents by key, in natural order. */
  entries(): IterableIterator<[string, Document]> {
    return this.docs.entries();
  }

  /** A stored document's natural-order position. */
  position(key: string): number | undefined {
    return this.positions.get(key);
  }

  /** The position the next inserted document gets. */
  get endPosition(): number {
    return this.nextPosition;
  }

  /** The document holding `key` in unique index `index`; undefined when none or not enforced here. */
  uniqueOwner(index: string, key: string): string | undefined {
    return this.uniqueKeys.get(index)?.get(key);
  }

  /** Whether this collection keeps entries for `index` (unique indexes other than _id_). */
  enforces(index: string): boolean {
    return this.uniqueKeys.has(index);
  }

  keys(): string[] {
    return [...this.docs.keys()];
  }

  indexes(): readonly IndexDefinition[] {
    return this.indexList;
  }

  /** Stores a new document. @throws CommandError DuplicateKey (11000) */
  insert(doc: Document): void {
    this.assertWritable();
    const key = StoredCollection.idKey(doc._id);
    if (this.docs.has(key)) throw this.duplicate(IndexDefinition.idIndex, { _id: doc._id });
    const entries = this.checkUnique(doc, key);
    this.docs.set(key, doc);
    this.positions.set(key, this.nextPosition++);
    this.addKeys(entries, key);
  }

  /** Replaces a stored document (same _id), keeping its natural position. @throws CommandError DuplicateKey */
  replace(key: string, doc: Document): void {
    this.assertWritable();
    const previous = this.docs.get(key);
    if (!previous) throw new Error(`MongoTestServer bug: replacing a missing document ${key}`);
    const entries = this.checkUnique(doc, key);
    this.removeKeys(previous);
    this.docs.set(key, doc);
    this.addKeys(entries, key);
  }

  remove(key: string): void {
    this.assertWritable();
    const previous = this.docs.get(key);
    if (!previous) return;
    this.removeKeys(previous);
    this.docs.delete(key);
    this.positions.delete(key);
  }

  /**
   * Applies a transaction's net changes (undefined = deleted): first every old version leaves
   * the unique indexes, then the new versions go in, so swaps of unique values succeed.
   * @throws CommandError DuplicateKey when the changes collide with this collection's documents
   */
  applyChanges(changes: ReadonlyMap<string, Document | undefined>): void {
    this.assertWritable();
    this.checkChanges(changes);
    for (const key of changes.keys()) {
      const previous = this.docs.get(key);
      if (previous) this.removeKeys(previous);
    }
    for (const [key, doc] of changes) {
      if (doc === undefined) {
        this.docs.delete(key);
        this.positions.delete(key);
        continue;
      }
      this.addKeys(this.checkUnique(doc, key), key);
      if (!this.docs.has(key)) this.positions.set(key, this.nextPosition++);
      this.docs.set(key, doc);
    }
  }

  /**
   * Fails as {@link applyChanges} would, without changing anything: a new version may not take a
   * unique key another new version takes, nor one an unchanged document holds.
   * @throws CommandError DuplicateKey
   */
  checkChanges(changes: ReadonlyMap<string, Document | undefined>): void {
    for (const index of this.indexList) {
      const keys = this.uniqueKeys.get(index.name);
      if (!keys) continue;
      const taken = new Map<string, string>();
      for (const [docKey, doc] of changes) {
        if (doc === undefined) continue;
        for (const [key, keyValue] of index.entries(doc)) {
          const other = taken.get(key);
          const owner = keys.get(key);
          if ((other !== undefined && other !== docKey) || (owner !== undefined && owner !== docKey && !changes.has(owner))) {
            throw this.duplicate(index, keyValue);
          }
          taken.set(key, docKey);
        }
      }
    }
  }

  /** Builds an index over the existing documents. @throws CommandError DuplicateKey when data violates it */
  addIndex(index: IndexDefinition): void {
    this.assertWritable();
    if (index.unique && index.name !== '_id_') {
      const keys: KeyMap = new Map();
      for (const [docKey, doc] of this.docs) {
        for (const [key, keyValue] of index.entries(doc)) {
          if (keys.has(key) && keys.get(key) !== docKey) {
            const cause = this.duplicate(index, keyValue);
            throw new CommandError(
              ErrorCode.DuplicateKey,
              `Index build failed: ${this.uuid.toHexString(true)}: Collection ${this.ns} ( ${this.uuid.toHexString(true)} ) :: caused by :: ${cause.message}`,
              { extra: cause.extra },
            );
          }
          keys.set(key, docKey);
        }
      }
      this.uniqueKeys.set(index.name, keys);
    }
    this.indexList.push(index);
  }

  dropIndex(name: string): void {
    this.assertWritable();
    const at = this.indexList.findIndex((i) => i.name === name);
    if (at >= 0) this.indexList.splice(at, 1);
    this.uniqueKeys.delete(name);
  }

  private checkUnique(doc: Document, docKey: string): Array<[string, string[]]> {
    const entries: Array<[string, string[]]> = [];
    for (const index of this.indexList) {
      const keys = this.uniqueKeys.get(index.name);
      if (!keys) continue;
      const docEntries = index.entries(doc);
      for (const [key, keyValue] of docEntries) {
        const owner = keys.get(key);
        if (owner !== undefined && owner !== docKey) throw this.duplicate(index, keyValue);
      }
      entries.push([index.name, [...docEntries.keys()]]);
    }
    return entries;
  }

  private addKeys(entries: Array<[string, string[]]>, docKey: string): void {
    for (const [name, keys] of entries) {
      const map = this.uniqueKeys.get(name)!;
      for (const key of keys) map.set(key, docKey);
    }
  }

  private removeKeys(doc: Document): void {
    const docKey = StoredCollection.idKey(doc._id);
    for (const index of this.indexList) {
      const keys = this.uniqueKeys.get(index.name);
      if (!keys) continue;
      for (const key of index.entries(doc).keys()) if (keys.get(key) === docKey) keys.delete(key);
    }
  }

  /** The E11000 error for a key of `index` taken in this collection. */
  duplicate(index: IndexDefinition, keyValue: Document): CommandError {
    const rendered = Object.entries(keyValue)
      .map(([f, v]) => `${f}: ${BsonValues.format(v)}`)
      .join(', ');
    return new CommandError(
      ErrorCode.DuplicateKey,
      `E11000 duplicate key error collection: ${this.ns} index: ${index.name} dup key: { ${rendered} }`,
      { extra: { keyPattern: BsonValues.clone(index.key), keyValue: BsonValues.clone(keyValue) } },
    );
  }

  private assertWritable(): void {
    // a frozen collection is part of a transaction's snapshot; changing it would break isolation
    if (this.frozen) throw new Error(`MongoTestServer bug: write to frozen collection ${this.ns}`);
  }
}
