import type { Document, UUID } from 'bson';
import { IndexDefinition } from './index-definition';
import { type CollectionData, StoredCollection } from './stored-collection';

/**
 * A transaction's writes to an existing collection, over the (held, unchanging) collection of
 * its snapshot: only the documents it touched are stored here, so a transaction costs what it
 * writes, not what the collection holds. Reads see the snapshot with these changes on top, in
 * the natural order a StoredCollection would give them.
 */
export class CollectionLayer implements CollectionData {
  /** Snapshot documents this layer replaced (the new version) or removed (null). */
  private readonly overrides = new Map<string, Document | null>();
  /** Documents inserted here (also ones removed from the snapshot first), in insertion order. */
  private readonly added = new Map<string, Document>();
  private readonly addedPositions = new Map<string, number>();
  /** Unique-index entries of this layer's own documents: index name -> index key -> document key. */
  private readonly uniqueKeys = new Map<string, Map<string, string>>();
  private nextPosition: number;

  constructor(readonly base: StoredCollection) {
    this.nextPosition = base.endPosition;
  }

  get db(): string {
    return this.base.db;
  }

  get name(): string {
    return this.base.name;
  }

  get ns(): string {
    return this.base.ns;
  }

  get uuid(): UUID {
    return this.base.uuid;
  }

  get options(): Document {
    return this.base.options;
  }

  get size(): number {
    // a snapshot document removed and inserted again is counted in `added`
    let size = this.base.size + this.added.size;
    for (const doc of this.overrides.values()) if (doc === null) size--;
    return size;
  }

  get(key: string): Document | undefined {
    const added = this.added.get(key);
    if (added !== undefined) return added;
    const override = this.overrides.get(key);
    if (override !== undefined) return override ?? undefined;
    return this.base.get(key);
  }

  documents(): Document[] {
    const out: Document[] = [];
    for (const [key, doc] of this.base.entries()) {
      const override = this.overrides.get(key);
      if (override === undefined) out.push(doc);
      else if (override !== null) out.push(override);
    }
    for (const doc of this.added.values()) out.push(doc);
    return out;
  }

  candidates(ids: readonly unknown[] | undefined): Document[] {
    if (ids === undefined) return this.documents();
    const keys = [...new Set(ids.map((id) => StoredCollection.idKey(id)))].filter((k) => this.get(k) !== undefined);
    keys.sort((a, b) => this.position(a) - this.position(b));
    return keys.map((k) => this.get(k)!);
  }

  indexes(): readonly IndexDefinition[] {
    return this.base.indexes();
  }

  insert(doc: Document): void {
    const key = StoredCollection.idKey(doc._id);
    if (this.get(key) !== undefined) throw this.base.duplicate(IndexDefinition.idIndex, { _id: doc._id });
    const entries = this.checkUnique(doc, key);
    this.added.set(key, doc);
    this.addedPositions.set(key, this.nextPosition++);
    this.addKeys(entries, key);
  }

  replace(key: string, doc: Document): void {
    const previous = this.get(key);
    if (!previous) throw new Error(`MongoTestServer bug: replacing a missing document ${key}`);
    const entries = this.checkUnique(doc, key);
    this.removeKeys(previous, key);
    if (this.added.has(key)) this.added.set(key, doc);
    else this.overrides.set(key, doc);
    this.addKeys(entries, key);
  }

  remove(key: string): void {
    const previous = this.get(key);
    if (!previous) return;
    this.removeKeys(previous, key);
    if (this.added.delete(key)) this.addedPositions.delete(key);
    else this.overrides.set(key, null);
  }

  addIndex(): void {
    // createIndexes refuses existing collections inside transactions before getting here
    throw new Error(`MongoTestServer bug: index change inside a transaction on ${this.ns}`);
  }

  dropIndex(): void {
    throw new Error(`MongoTestServer bug: index change inside a transaction on ${this.ns}`);
  }

  private position(key: string): number {
    return this.addedPositions.get(key) ?? this.base.position(key)!;
  }

  /** Who holds an index key as this layer sees it: its own documents, else unchanged snapshot ones. */
  private owner(index: string, key: string): string | undefined {
    const own = this.uniqueKeys.get(index)?.get(key);
    if (own !== undefined) return own;
    const owner = this.base.uniqueOwner(index, key);
    return owner === undefined || this.overrides.has(owner) || this.added.has(owner) ? undefined : owner;
  }

  private checkUnique(doc: Document, docKey: string): Array<[string, string[]]> {
    const entries: Array<[string, string[]]> = [];
    for (const index of this.base.indexes()) {
      if (!this.base.enforces(index.name)) continue;
      const docEntries = index.entries(doc);
      for (const [key, keyValue] of docEntries) {
        const owner = this.owner(index.name, key);
        if (owner !== undefined && owner !== docKey) throw this.base.duplicate(index, keyValue);
      }
      entries.push([index.name, [...docEntries.keys()]]);
    }
    return entries;
  }

  private addKeys(entries: Array<[string, string[]]>, docKey: string): void {
    for (const [name, keys] of entries) {
      let map = this.uniqueKeys.get(name);
      if (!map) this.uniqueKeys.set(name, (map = new Map()));
      for (const key of keys) map.set(key, docKey);
    }
  }

  private removeKeys(doc: Document, docKey: string): void {
    for (const index of this.base.indexes()) {
      const map = this.uniqueKeys.get(index.name);
      if (!map) continue;
      for (const key of index.entries(doc).keys()) if (map.get(key) === docKey) map.delete(key);
    }
  }
}
