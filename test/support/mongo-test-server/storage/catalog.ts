import type { Document } from 'bson';
import { StoredCollection } from './stored-collection';

/** Databases every mongod lists even when the client never wrote to them. */
const SYSTEM_DATABASES = ['admin', 'config', 'local'];

/**
 * The committed state: every collection by namespace. Writers outside transactions change it
 * directly, copying a collection first while a transaction snapshot holds it.
 */
export class Catalog {
  private readonly collections = new Map<string, StoredCollection>();

  get(ns: string): StoredCollection | undefined {
    return this.collections.get(ns);
  }

  namespaces(): string[] {
    return [...this.collections.keys()];
  }

  /** Database names with at least one collection, plus admin/config/local. */
  databases(): string[] {
    const names = new Set(SYSTEM_DATABASES);
    for (const collection of this.collections.values()) names.add(collection.db);
    return [...names].sort();
  }

  /** Collections of one database. */
  collectionsOf(db: string): StoredCollection[] {
    return [...this.collections.values()].filter((c) => c.db === db);
  }

  /** Holds every collection and returns the current map, for a transaction to read from. */
  snapshot(): ReadonlyMap<string, StoredCollection> {
    for (const collection of this.collections.values()) collection.hold();
    return new Map(this.collections);
  }

  /** The collection to write to, copied first while a snapshot holds it. */
  writable(ns: string): StoredCollection | undefined {
    const collection = this.collections.get(ns);
    if (!collection?.frozen) return collection;
    const copy = collection.copy();
    this.collections.set(ns, copy);
    return copy;
  }

  create(db: string, name: string, options: Document = {}): StoredCollection {
    const collection = StoredCollection.create(db, name, options);
    this.collections.set(collection.ns, collection);
    return collection;
  }

  /** Installs a collection under its namespace (commit, rename). */
  put(collection: StoredCollection): void {
    this.collections.set(collection.ns, collection);
  }

  drop(ns: string): StoredCollection | undefined {
    const collection = this.collections.get(ns);
    this.collections.delete(ns);
    return collection;
  }

  clear(): void {
    this.collections.clear();
  }
}
