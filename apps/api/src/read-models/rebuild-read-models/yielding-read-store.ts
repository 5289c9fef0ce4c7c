import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Checkpoint, IndexSpec, ReadStore, ReadWrite } from '@ledger/read-store';

/**
 * The API's read store for a rebuild running in the API's own event loop: each commit, and each
 * index build at the switch, first lets the loop run. The embedded store works synchronously, and
 * building all of a collection's indexes in one call held every request for about a second per 100k
 * events: with `indexesOneByOne` each index is built on its own, so requests wait for the largest
 * one only. (MongoDB builds indexes on the server without holding the loop, and builds those of one
 * call in a single scan, so it keeps them together.) It does not own the store: close() does nothing.
 */
export class YieldingReadStore implements ReadStore {
  constructor(
    private readonly store: ReadStore,
    private readonly options: Readonly<{ indexesOneByOne: boolean }>,
  ) {}

  get capabilities(): ReadStore['capabilities'] {
    return this.store.capabilities;
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    await nextTurn();
    if (!this.options.indexesOneByOne || indexes.length === 0) return this.store.ensureCollection(collection, indexes);
    for (const index of indexes) {
      await this.store.ensureCollection(collection, [index]);
      await nextTurn();
    }
  }

  async commit(writes: readonly ReadWrite[], checkpoint?: Checkpoint): Promise<void> {
    await nextTurn();
    return this.store.commit(writes, checkpoint);
  }

  dropCollection: ReadStore['dropCollection'] = (collection) => this.store.dropCollection(collection);
  listCollections: ReadStore['listCollections'] = () => this.store.listCollections();
  get: ReadStore['get'] = (collection, id) => this.store.get(collection, id);
  getMany: ReadStore['getMany'] = (collection, ids) => this.store.getMany(collection, ids);
  readCheckpoint: ReadStore['readCheckpoint'] = (name) => this.store.readCheckpoint(name);
  deleteCheckpoint: ReadStore['deleteCheckpoint'] = (name) => this.store.deleteCheckpoint(name);
  find: ReadStore['find'] = (collection, options) => this.store.find(collection, options);
  count: ReadStore['count'] = (collection, filter) => this.store.count(collection, filter);
  countBy: ReadStore['countBy'] = (collection, field, filter) => this.store.countBy(collection, field, filter);
  getActiveCollection: ReadStore['getActiveCollection'] = (readModel) => this.store.getActiveCollection(readModel);
  setActiveCollection: ReadStore['setActiveCollection'] = (readModel, collection) =>
    this.store.setActiveCollection(readModel, collection);

  async close(): Promise<void> {}
}
