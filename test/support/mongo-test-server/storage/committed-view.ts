import type { Document } from 'bson';
import type { LockTable } from '../txn/lock-table';
import type { Catalog } from './catalog';
import type { StorageView } from './storage-view';
import type { StoredCollection } from './stored-collection';

/** Reads and writes outside transactions: straight to the committed catalog. */
export class CommittedView implements StorageView {
  readonly transaction = undefined;

  constructor(
    private readonly catalog: Catalog,
    private readonly locks: LockTable,
  ) {}

  collection(ns: string): StoredCollection | undefined {
    return this.catalog.get(ns);
  }

  namespaces(): string[] {
    return this.catalog.namespaces();
  }

  writable(ns: string): StoredCollection | undefined {
    return this.catalog.writable(ns);
  }

  create(db: string, name: string, options?: Document): StoredCollection {
    return this.catalog.create(db, name, options);
  }

  claim(ns: string, keys: readonly string[]): Promise<void> | undefined {
    for (const key of keys) {
      const holder = this.locks.holder(ns, key);
      if (holder) return holder.finished;
    }
    return undefined;
  }
}
