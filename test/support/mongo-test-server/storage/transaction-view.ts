import type { Document } from 'bson';
import type { LockTable } from '../txn/lock-table';
import type { Transaction } from '../txn/transaction';
import { writeConflict } from '../txn/transaction-coordinator';
import type { Catalog } from './catalog';
import type { StorageView } from './storage-view';
import { CollectionLayer } from './collection-layer';
import { type CollectionData, StoredCollection } from './stored-collection';

/** Reads and writes inside a transaction: its snapshot plus its private copies. */
export class TransactionView implements StorageView {
  constructor(
    readonly transaction: Transaction,
    private readonly catalog: Catalog,
    private readonly locks: LockTable,
  ) {}

  collection(ns: string): CollectionData | undefined {
    return this.transaction.collection(ns);
  }

  namespaces(): string[] {
    return this.transaction.namespaces();
  }

  writable(ns: string): CollectionData | undefined {
    const own = this.transaction.working.get(ns);
    if (own) return own;
    const base = this.transaction.base.get(ns);
    if (!base) return undefined;
    const layer = new CollectionLayer(base);
    this.transaction.working.set(ns, layer);
    return layer;
  }

  create(db: string, name: string, options?: Document): StoredCollection {
    const collection = StoredCollection.create(db, name, options);
    this.transaction.working.set(collection.ns, collection);
    this.transaction.created.add(collection.ns);
    return collection;
  }

  claim(ns: string, keys: readonly string[]): undefined {
    const committed = this.catalog.get(ns);
    const base = this.transaction.base.get(ns);
    if (!this.transaction.created.has(ns) && base && committed?.uuid !== base.uuid) throw writeConflict();
    for (const key of keys) {
      const holder = this.locks.holder(ns, key);
      if (holder && holder !== this.transaction) throw writeConflict();
      // a version committed after our snapshot: we would overwrite it blindly
      if (!this.transaction.created.has(ns) && committed?.get(key) !== base?.get(key)) throw writeConflict();
    }
    for (const key of keys) this.locks.acquire(ns, key, this.transaction);
    return undefined;
  }
}
