import { UUID, type Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { IndexDefinition } from './index-definition';

/** A unique index's entries: index key -> key of the document holding it. */
type KeyMap = Map<string, string>;

/**
 * One collection's documents (in natural order, keyed by their _id) and indexes, with unique
 * indexes enforced on every write.
 *
 * Documents are immutable once stored: writers store new objects. That makes copies cheap
 * (maps of references), which is how transactions get snapshots: a collection is frozen when a
 * snapshot shares it, and writers then copy it before changing anything (copy-on-write).
 */
export class StoredCollection {
  /** Set when a transaction snapshot shares this object; it must not change from then on. */
  frozen = false;

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

  private duplicate(index: IndexDefinition, keyValue: Document): CommandError {
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
