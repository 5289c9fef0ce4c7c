import type { Checkpoint, ReadDocument } from '../read-store';
import { type ContractContext, rejection, seed, untyped } from './contract-support';

export function commitContract(context: ContractContext): void {
  describe('commit and checkpoints', () => {
    it('moves the checkpoint with the writes, and keeps bigints exact past 2^53', async () => {
      const store = await context.store();
      const collection = context.unique();
      const name = context.unique('cp');
      const position = 2n ** 64n + 123n;

      await store.commit([{ collection, type: 'put', document: { id: 'a' } }], { name, position });

      expect(await store.get(collection, 'a')).toEqual({ id: 'a' });
      expect(await store.readCheckpoint(name)).toBe(position);
      await store.commit([], { name, position: position + 1n });
      expect(await store.readCheckpoint(name)).toBe(position + 1n);
    });

    it('never moves a checkpoint back: a commit behind it is refused and writes nothing; the same position is fine', async () => {
      const store = await context.store();
      const collection = context.unique();
      const name = context.unique('cp');
      const put = (document: ReadDocument) => ({ collection, type: 'put' as const, document });
      await store.commit([put({ id: 'a', revision: 20 })], { name, position: 2n ** 60n + 20n });

      const behind = store.commit([put({ id: 'a', revision: 10 }), put({ id: 'b', revision: 10 })], { name, position: 2n ** 60n + 10n });

      expect(await rejection(behind)).toBe('CheckpointConflictError');
      expect(await store.readCheckpoint(name)).toBe(2n ** 60n + 20n);
      expect(await store.get(collection, 'a')).toEqual({ id: 'a', revision: 20 });
      expect(await store.get(collection, 'b')).toBeUndefined();
      await store.commit([put({ id: 'b', revision: 20 })], { name, position: 2n ** 60n + 20n });
      expect(await store.get(collection, 'b')).toEqual({ id: 'b', revision: 20 });
      // Another checkpoint, and commits without one, are not fenced by it.
      await store.commit([put({ id: 'c', revision: 1 })], { name: context.unique('cp'), position: 1n });
      await store.commit([put({ id: 'd', revision: 1 })]);
      expect(await store.count(collection)).toBe(4);
    });

    it('leaves the checkpoint alone without one, and keeps checkpoints apart by name', async () => {
      const store = await context.store();
      const collection = context.unique();
      const [one, two] = [context.unique('cp'), context.unique('cp')];
      await store.commit([], { name: one, position: 7n });
      await store.commit([], { name: two, position: 9n });

      await store.commit([{ collection, type: 'put', document: { id: 'a' } }]);

      expect(await store.readCheckpoint(one)).toBe(7n);
      expect(await store.readCheckpoint(two)).toBe(9n);
      expect(await store.readCheckpoint(context.unique('none'))).toBeUndefined();
    });

    it('deletes checkpoints; deleting a missing one is harmless', async () => {
      const store = await context.store();
      const name = context.unique('cp');
      await store.commit([], { name, position: 3n });

      await store.deleteCheckpoint(name);
      await store.deleteCheckpoint(name);

      expect(await store.readCheckpoint(name)).toBeUndefined();
    });

    it('applies writes in order, across collections', async () => {
      const store = await context.store();
      const [first, second] = [context.unique(), context.unique()];
      await store.commit([
        { collection: first, type: 'put', document: { id: 'x', v: 1 } },
        { collection: second, type: 'put', document: { id: 'x', v: 2 } },
        { collection: first, type: 'put', document: { id: 'x', v: 3 } },
        { collection: first, type: 'put', document: { id: 'gone', v: 1 } },
        { collection: first, type: 'delete', id: 'gone' },
        { collection: second, type: 'delete', id: 'back' },
        { collection: second, type: 'put', document: { id: 'back', v: 4 } },
      ]);

      expect(await store.get(first, 'x')).toEqual({ id: 'x', v: 3 });
      expect(await store.get(second, 'x')).toEqual({ id: 'x', v: 2 });
      expect(await store.get(first, 'gone')).toBeUndefined();
      expect(await store.get(second, 'back')).toEqual({ id: 'back', v: 4 });
    });

    it('commits a large batch', async () => {
      const store = await context.store();
      const collection = context.unique();
      const name = context.unique('cp');
      const documents = Array.from({ length: 1200 }, (_, i) => ({ id: `d${i}`, n: i, tags: [`t${i % 10}`] }));

      await store.commit(documents.map((document) => ({ collection, type: 'put', document })), { name, position: 1200n });

      expect(await store.count(collection)).toBe(1200);
      expect(await store.count(collection, [{ field: 'tags', op: 'eq', value: 't3' }])).toBe(120);
      expect(await store.readCheckpoint(name)).toBe(1200n);
    });

    it('never moves the checkpoint when a write fails, and on atomic stores applies none of the batch', async () => {
      const store = await context.store();
      const collection = context.unique();
      const name = context.unique('cp');
      await seed(store, collection, [{ id: 'taken', key: 'k' }], [
        { name: 'by_key', keys: [{ field: 'key', direction: 'asc' }], unique: true },
      ]);
      await store.commit([], { name, position: 5n });
      const put = (document: ReadDocument) => ({ collection, type: 'put' as const, document });

      const failed = store.commit(
        [put({ id: 'first', key: 'k1' }), put({ id: 'clash', key: 'k' }), put({ id: 'third', key: 'k3' })],
        { name, position: 6n },
      );

      expect(await rejection(failed)).toBe('ReadStoreConflictError');
      expect(await store.readCheckpoint(name)).toBe(5n);
      expect(await store.get(collection, 'clash')).toBeUndefined();
      if (store.capabilities.atomicCommit) {
        expect(await store.get(collection, 'first')).toBeUndefined();
        expect(await store.get(collection, 'third')).toBeUndefined();
      }
      await store.commit([put({ id: 'first', key: 'k1' })], { name, position: 6n });
      expect(await store.readCheckpoint(name)).toBe(6n);
    });

    it('refuses invalid checkpoints and writes before writing anything', async () => {
      const store = await context.store();
      const collection = context.unique();
      const name = context.unique('cp');
      const write = { collection, type: 'put' as const, document: { id: 'a' } };
      const invalid: unknown[] = [
        { name, position: -1n },
        { name, position: 5 },
        { name, position: '5' },
        { name: '', position: 1n },
        { name: 42, position: 1n },
      ];
      for (const checkpoint of invalid) {
        expect(await rejection(store.commit([write], untyped<Checkpoint>(checkpoint)))).toBe('InvalidQueryError');
      }
      expect(await rejection(store.commit([untyped({ collection, type: 'upsert', document: { id: 'a' } })]))).toBe(
        'InvalidQueryError',
      );
      expect(await rejection(store.commit(untyped({ collection, type: 'put', document: { id: 'a' } })))).toBe('InvalidQueryError');
      expect(await store.get(collection, 'a')).toBeUndefined();
      expect(await store.readCheckpoint(name)).toBeUndefined();
      expect(await rejection(store.readCheckpoint(''))).toBe('InvalidQueryError');
    });
  });
}
