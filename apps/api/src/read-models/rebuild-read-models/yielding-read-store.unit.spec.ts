import type { IndexSpec, ReadStore } from '@ledger/read-store';
import { InMemoryReadStore } from '../../../../../libs/projector/src/testing';
import { YieldingReadStore } from './yielding-read-store';

const index = (name: string): IndexSpec => ({ name, keys: [{ field: name, direction: 'asc' }] });

describe('YieldingReadStore', () => {
  it('builds the indexes one at a time, letting queued requests run before each, and builds them all', async () => {
    const order: string[] = [];
    const store = new InMemoryReadStore();
    const ensure = store.ensureCollection.bind(store);
    store.ensureCollection = async (collection, indexes) => {
      order.push(`ensure ${indexes.map((i) => i.name).join(',')}`);
      await ensure(collection, indexes);
    };
    const request = (): void => {
      order.push('request handled');
      if (order.length < 8) setImmediate(request);
    };
    setImmediate(request);

    await new YieldingReadStore(store, { indexesOneByOne: true }).ensureCollection('c', [index('a'), index('b'), index('c')]);

    expect(order.filter((step) => step.startsWith('ensure'))).toEqual(['ensure a', 'ensure b', 'ensure c']);
    for (const step of ['ensure a', 'ensure b', 'ensure c']) expect(order[order.indexOf(step) - 1]).toBe('request handled');
    expect(store.indexesOf('c').map((i) => i.name).sort()).toEqual(['a', 'b', 'c']);
  });

  it('builds them in one call where index builds do not hold the loop (MongoDB)', async () => {
    const calls: string[][] = [];
    const store = new InMemoryReadStore();
    const ensure = store.ensureCollection.bind(store);
    store.ensureCollection = async (collection, indexes) => {
      calls.push(indexes.map((i) => i.name));
      await ensure(collection, indexes);
    };
    await new YieldingReadStore(store, { indexesOneByOne: false }).ensureCollection('c', [index('a'), index('b')]);
    expect(calls).toEqual([['a', 'b']]);
  });

  it('lets work queued before a commit run before the store writes, and commits', async () => {
    const order: string[] = [];
    const store = new InMemoryReadStore();
    const commit = store.commit.bind(store);
    store.commit = async (writes, checkpoint) => {
      order.push('store commit');
      await commit(writes, checkpoint);
    };

    setImmediate(() => order.push('request handled'));
    await new YieldingReadStore(store, { indexesOneByOne: true }).commit([{ collection: 'c', type: 'put', document: { id: 'x' } }], { name: 'cp', position: 3n });

    expect(order).toEqual(['request handled', 'store commit']);
    expect(await store.get('c', 'x')).toEqual({ id: 'x' });
    expect(await store.readCheckpoint('cp')).toBe(3n);
  });

  it('does not close the store it wraps', async () => {
    const close = jest.fn();
    await new YieldingReadStore({ close } as unknown as ReadStore, { indexesOneByOne: true }).close();
    expect(close).not.toHaveBeenCalled();
  });
});
