import type { ReadDocument, ReadWrite } from '../read-store';
import { type ContractContext, rejection, seed, untyped } from './contract-support';

/** Values of every JSON kind, hostile strings included; they must come back identical. */
const RICH: ReadDocument = {
  id: 'rich-1',
  text: 'héllo wörld — 你好 — 🚀 — Ω',
  empty: '',
  integer: 42,
  negative: -7,
  float: 3.14159,
  maxSafe: Number.MAX_SAFE_INTEGER,
  tiny: 1e-300,
  huge: 1.5e300,
  yes: true,
  no: false,
  nothing: null,
  nested: { a: { b: { c: [1, 'two', { three: 3 }, [4, [5]], null, true] } } },
  emptyObject: {},
  emptyArray: [],
  operatorLike: '$gt',
  operatorJson: '{"$gt": ""}',
  dotted: 'a.b.c',
  escapes: 'it\'s "quoted" \\ back\\slash\nnew line\ttab',
  control: 'nul\u0000inside',
  zeroWidth: '\u200b\ufeff',
  long: 'x'.repeat(100_000),
};

export function documentContract(context: ContractContext): void {
  describe('documents', () => {
    it('round-trips every JSON value exactly, key order included', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [RICH]);

      const stored = await store.get(collection, 'rich-1');

      expect(stored).toEqual(RICH);
      expect(JSON.stringify(stored)).toBe(JSON.stringify(RICH));
    });

    it('drops undefined properties and stores -0 as 0, the same on every store', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [untyped<ReadDocument>({ id: 'u', kept: 1, dropped: undefined, minusZero: -0 })]);

      const stored = await store.get(collection, 'u');

      expect(stored).toEqual({ id: 'u', kept: 1, minusZero: 0 });
      expect(Object.keys(stored!)).toEqual(['id', 'kept', 'minusZero']);
      expect(Object.is(stored!.minusZero, 0)).toBe(true);
    });

    it('treats a put as a whole-document upsert', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [{ id: 'd', a: 1, b: { c: 2 } }]);

      await store.commit([{ collection, type: 'put', document: { id: 'd', a: 3 } }]);

      expect(await store.get(collection, 'd')).toEqual({ id: 'd', a: 3 });
    });

    it('deletes by id; deleting a missing id is harmless', async () => {
      const store = await context.store();
      const collection = context.unique();
      await seed(store, collection, [{ id: 'keep' }, { id: 'gone' }]);

      await store.commit([
        { collection, type: 'delete', id: 'gone' },
        { collection, type: 'delete', id: 'never-existed' },
      ]);

      expect(await store.get(collection, 'gone')).toBeUndefined();
      expect(await store.get(collection, 'keep')).toEqual({ id: 'keep' });
    });

    it('gets many ids at once (more than any parameter limit), in the order asked, skipping missing ones', async () => {
      const store = await context.store();
      const collection = context.unique();
      const documents = Array.from({ length: 1200 }, (_, i) => ({ id: `doc-${i}`, n: i }));
      await seed(store, collection, documents);
      const wanted = [...documents.map((d) => d.id).reverse(), 'missing-1', 'doc-7', 'missing-2'];

      const found = await store.getMany(collection, wanted);

      expect(found.size).toBe(1200);
      expect([...found.keys()].slice(0, 3)).toEqual(['doc-1199', 'doc-1198', 'doc-1197']);
      expect(found.get('doc-7')).toEqual({ id: 'doc-7', n: 7 });
      expect(found.has('missing-1')).toBe(false);
      expect((await store.getMany(collection, [])).size).toBe(0);
    });

    it('reads a collection that does not exist as empty', async () => {
      const store = await context.store();
      const collection = context.unique('missing');

      expect(await store.get(collection, 'x')).toBeUndefined();
      expect((await store.getMany(collection, ['x'])).size).toBe(0);
      expect(await store.find(collection, { limit: 10, withTotal: true })).toEqual({ items: [], total: 0, nextCursor: null });
      expect(await store.count(collection)).toBe(0);
      expect(await store.countBy(collection, 'status')).toEqual([]);
      expect(await store.listCollections()).not.toContain(collection);
    });

    describe('refuses documents that would not behave the same on every store', () => {
      const refused: Record<string, unknown> = {
        'a number id': { id: 1 },
        'an empty id': { id: '' },
        'no id': { name: 'x' },
        'an _id field': { id: 'x', _id: 'x' },
        'a $-prefixed key': { id: 'x', $set: { a: 1 } },
        'a dotted key': { id: 'x', 'a.b': 1 },
        'an empty key': { id: 'x', '': 1 },
        "a '__proto__' key": JSON.parse('{"id":"x","nested":{"__proto__":{"polluted":true}}}'),
        'a nested $-prefixed key': { id: 'x', nested: { $gt: '' } },
        'a dotted key inside an array': { id: 'x', list: [{ 'a.b': 1 }] },
        'a Date': { id: 'x', at: new Date() },
        NaN: { id: 'x', n: Number.NaN },
        Infinity: { id: 'x', n: Number.POSITIVE_INFINITY },
        'a bigint': { id: 'x', n: 10n },
        'a function': { id: 'x', f: () => 1 },
        'undefined in an array': { id: 'x', list: [1, undefined] },
        'a Map': { id: 'x', m: new Map() },
        'an array as the document': [{ id: 'x' }],
        'nesting 100 levels deep': { id: 'x', deep: nest(100) },
      };
      for (const [what, document] of Object.entries(refused)) {
        it(`with ${what}, before writing anything`, async () => {
          const store = await context.store();
          const collection = context.unique();
          const checkpoint = context.unique('cp');
          await store.ensureCollection(collection, []);
          const writes: ReadWrite[] = [
            { collection, type: 'put', document: { id: 'valid' } },
            { collection, type: 'put', document: untyped<ReadDocument>(document) },
          ];

          expect(await rejection(store.commit(writes, { name: checkpoint, position: 5n }))).toBe('InvalidQueryError');

          expect(await store.get(collection, 'valid')).toBeUndefined();
          expect(await store.readCheckpoint(checkpoint)).toBeUndefined();
        });
      }
    });

    it('refuses invalid collection names and non-string ids in every operation', async () => {
      const store = await context.store();
      for (const name of ['', '1abc', 'a-b', 'a.b', 'system.users', '$cmd', '_checkpoints', 'a b', 'x'.repeat(102)]) {
        expect(await rejection(store.ensureCollection(name, []))).toBe('InvalidQueryError');
        expect(await rejection(store.get(name, 'x'))).toBe('InvalidQueryError');
        expect(await rejection(store.getMany(name, ['x']))).toBe('InvalidQueryError');
        expect(await rejection(store.find(name, { limit: 1 }))).toBe('InvalidQueryError');
        expect(await rejection(store.count(name))).toBe('InvalidQueryError');
        expect(await rejection(store.countBy(name, 'status'))).toBe('InvalidQueryError');
        expect(await rejection(store.dropCollection(name))).toBe('InvalidQueryError');
        expect(await rejection(store.commit([{ collection: name, type: 'delete', id: 'x' }]))).toBe('InvalidQueryError');
      }
      const collection = context.unique();
      expect(await rejection(store.get(collection, untyped<string>({ $gt: '' })))).toBe('InvalidQueryError');
      expect(await rejection(store.getMany(collection, untyped<string[]>([{ $gt: '' }])))).toBe('InvalidQueryError');
      expect(await rejection(store.commit([{ collection, type: 'delete', id: untyped<string>({ $ne: null }) }]))).toBe(
        'InvalidQueryError',
      );
      expect(await rejection(store.commit([untyped({ type: 'delete', id: 'x' })]))).toBe('InvalidQueryError');
      expect(await rejection(store.get(untyped<string>(undefined), 'x'))).toBe('InvalidQueryError');
    });
  });
}

function nest(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { inner: value };
  return value;
}
