import type { IndexSpec } from '../read-store';
import { type ContractContext, findIds, rejection, seed, untyped } from './contract-support';

export function collectionContract(context: ContractContext): void {
  describe('collections and indexes', () => {
    it('creates collections idempotently, lists them (and nothing internal), and drops them', async () => {
      const store = await context.store();
      const first = context.unique('first');
      const second = context.unique('second');
      const indexes: IndexSpec[] = [{ name: 'by_status', keys: [{ field: 'status', direction: 'asc' }] }];
      await seed(store, first, [{ id: 'a', status: 'open' }], indexes);
      await store.ensureCollection(first, indexes);
      await store.ensureCollection(second, []);
      await store.commit([], { name: context.unique('cp'), position: 1n });

      const listed = await store.listCollections();
      expect(listed).toEqual(expect.arrayContaining([first, second]));
      expect(listed.every((name) => /^[A-Za-z][A-Za-z0-9_]*$/.test(name))).toBe(true);
      expect(await store.get(first, 'a')).toEqual({ id: 'a', status: 'open' });

      await store.dropCollection(first);
      await store.dropCollection(first);
      await store.dropCollection(context.unique('never'));

      expect(await store.listCollections()).not.toContain(first);
      expect(await store.listCollections()).toContain(second);
      expect(await store.get(first, 'a')).toBeUndefined();
    });

    it('tells collection names apart by case', async () => {
      const store = await context.store();
      const lower = context.unique('case');
      const upper = `${lower.slice(0, 4)}UPPER${lower.slice(4)}`;
      const mixed = `${lower.slice(0, 4)}upper${lower.slice(4)}`;
      await seed(store, upper, [{ id: 'x', in: 'upper' }]);
      await seed(store, mixed, [{ id: 'x', in: 'mixed' }]);

      expect(await store.get(upper, 'x')).toEqual({ id: 'x', in: 'upper' });
      expect(await store.get(mixed, 'x')).toEqual({ id: 'x', in: 'mixed' });
      expect(await store.listCollections()).toEqual(expect.arrayContaining([upper, mixed]));
    });

    it('writes to a collection nobody ensured by creating it', async () => {
      const store = await context.store();
      const collection = context.unique();

      await store.commit([{ collection, type: 'put', document: { id: 'a' } }]);

      expect(await store.get(collection, 'a')).toEqual({ id: 'a' });
      expect(await store.listCollections()).toContain(collection);
    });

    it('rebuilds an index whose definition changed under the same name', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [{ id: 'a', n: 1, m: 'x' }, { id: 'b', n: 2, m: 'y' }], [
        { name: 'by_n', keys: [{ field: 'n', direction: 'asc' }] },
      ]);

      await store.ensureCollection(collection, [
        { name: 'by_n', keys: [{ field: 'n', direction: 'desc' }, { field: 'm', direction: 'asc' }] },
        { name: 'by_m', keys: [{ field: 'm', direction: 'asc' }] },
      ]);

      expect(await findIds(store, collection, { sort: [{ field: 'n', direction: 'desc' }] })).toEqual(['b', 'a']);
    });

    it('enforces unique indexes with ReadStoreConflictError', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [{ id: 'a', email: 'a@example.org' }], [
        { name: 'by_email', keys: [{ field: 'email', direction: 'asc' }], unique: true },
      ]);

      const conflict = store.commit([{ collection, type: 'put', document: { id: 'b', email: 'a@example.org' } }]);

      expect(await rejection(conflict)).toBe('ReadStoreConflictError');
      await store.commit([{ collection, type: 'put', document: { id: 'a', email: 'a@example.org', name: 'same id' } }]);
      expect(await store.get(collection, 'b')).toBeUndefined();
    });

    it('refuses a unique index over duplicate values with ReadStoreConflictError', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [{ id: 'a', k: 1 }, { id: 'b', k: 1 }]);

      const index = store.ensureCollection(collection, [{ name: 'by_k', keys: [{ field: 'k', direction: 'asc' }], unique: true }]);

      expect(await rejection(index)).toBe('ReadStoreConflictError');
    });

    it('refuses invalid index definitions', async () => {
      const store = await context.store();
      const collection = context.unique();
      const invalid: unknown[] = [
        [{ name: '1st', keys: [{ field: 'a', direction: 'asc' }] }],
        [{ name: 'has-dash', keys: [{ field: 'a', direction: 'asc' }] }],
        [{ name: 'no_keys', keys: [] }],
        [{ name: 'bad_field', keys: [{ field: '$where', direction: 'asc' }] }],
        [{ name: 'bad_direction', keys: [{ field: 'a', direction: 1 }] }],
        [{ name: 'twice', keys: [{ field: 'a', direction: 'asc' }] }, { name: 'twice', keys: [{ field: 'b', direction: 'asc' }] }],
        [{ name: 'same_keys', keys: [{ field: 'a', direction: 'asc' }] }, { name: 'again', keys: [{ field: 'a', direction: 'asc' }] }],
        [{ name: 'no_field', keys: [{ direction: 'asc' }] }],
      ];
      for (const indexes of invalid) {
        expect(await rejection(store.ensureCollection(collection, untyped<IndexSpec[]>(indexes)))).toBe('InvalidQueryError');
      }
    });

    it('keeps data, checkpoints and pointers when reopened', async () => {
      const store = await context.store();
      const collection = context.unique();
      const checkpoint = context.unique('cp');
      const readModel = context.unique('model');
      await store.ensureCollection(collection, [{ name: 'by_n', keys: [{ field: 'n', direction: 'asc' }] }]);
      await store.commit([{ collection, type: 'put', document: { id: 'a', n: 1, list: ['x'] } }], { name: checkpoint, position: 2n ** 70n });
      await store.setActiveCollection(readModel, collection);

      const reopened = await context.reopen(store);
      if (reopened === undefined) return;

      expect(await reopened.get(collection, 'a')).toEqual({ id: 'a', n: 1, list: ['x'] });
      expect(await findIds(reopened, collection, { filter: [{ field: 'list', op: 'eq', value: 'x' }] })).toEqual(['a']);
      expect(await reopened.readCheckpoint(checkpoint)).toBe(2n ** 70n);
      expect(await reopened.getActiveCollection(readModel)).toBe(collection);
    });

    it('can be closed twice', async () => {
      const store = await context.store();
      await store.close();
      await store.close();
    });
  });
}
