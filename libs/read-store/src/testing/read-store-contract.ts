import type { ReadStore } from '../read-store';
import { activeCollectionContract } from './contract-active';
import { collectionContract } from './contract-collections';
import { commitContract } from './contract-commit';
import { countByContract } from './contract-count-by';
import { documentContract } from './contract-documents';
import { filterContract } from './contract-filters';
import { pagingContract } from './contract-paging';
import { type ContractContext, uniqueName } from './contract-support';

export type ReadStoreHarness = {
  /** A store on fresh or shared data; tests use their own collection, checkpoint and read-model names. */
  create(): Promise<ReadStore>;
  /** Closes the store and opens another on the same data (durability tests are skipped without it). */
  reopen?(store: ReadStore): Promise<ReadStore>;
  /** Teardown after all tests. */
  dispose?(): Promise<void>;
};

/**
 * The behaviour every ReadStore adapter must show; call it from an adapter's *.int.spec.ts.
 * `harness` is called in beforeAll, so it may use resources started there (a test server).
 * Stores are closed after each test; closing twice must be harmless.
 *
 * Where adapters may differ, the tests branch on `capabilities.atomicCommit` only: a failed commit
 * must leave nothing behind on atomic stores, and never move the checkpoint on any store.
 */
export function describeReadStoreContract(name: string, harness: () => ReadStoreHarness): void {
  describe(`ReadStore contract: ${name}`, () => {
    let target: ReadStoreHarness | undefined;
    let stores: ReadStore[] = [];

    beforeAll(() => {
      target = harness();
    });

    afterEach(async () => {
      for (const store of stores) await store.close().catch(() => undefined);
      stores = [];
    });

    afterAll(async () => {
      await target?.dispose?.();
    });

    const context: ContractContext = {
      async store() {
        if (!target) throw new Error('harness not ready');
        const store = await target.create();
        stores.push(store);
        return store;
      },
      async reopen(store) {
        if (!target?.reopen) return undefined;
        const reopened = await target.reopen(store);
        stores.push(reopened);
        return reopened;
      },
      unique: uniqueName,
    };

    documentContract(context);
    collectionContract(context);
    filterContract(context);
    pagingContract(context);
    countByContract(context);
    commitContract(context);
    activeCollectionContract(context);
  });
}
