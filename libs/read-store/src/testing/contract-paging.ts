import type { FindOptions, ReadDocument, ReadStore, SortKey } from '../read-store';
import { type ContractContext, findIds, pageThrough, rejection, seed, untyped } from './contract-support';

const asc = (field: string): SortKey => ({ field, direction: 'asc' });
const desc = (field: string): SortKey => ({ field, direction: 'desc' });

/** 57 documents: repeated scores, missing and null closedAt, so ties and nulls cross page borders. */
const many = (): ReadDocument[] =>
  Array.from({ length: 57 }, (_, i) => {
    const document: Record<string, unknown> = {
      id: `doc-${String(i).padStart(2, '0')}`,
      score: i % 7,
      group: i % 3 === 0 ? 'x' : 'y',
      openedAt: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
    };
    if (i % 4 === 1) document.closedAt = null;
    else if (i % 4 !== 3) document.closedAt = new Date(Date.UTC(2026, 1, 1) + (i % 5) * 86_400_000).toISOString();
    return document as ReadDocument;
  });

export function pagingContract(context: ContractContext): void {
  describe('sorting and paging', () => {
    let store: ReadStore;
    let collection: string;

    beforeEach(async () => {
      store = await context.store();
      collection = context.unique();
    });

    it('orders by id when no sort is given', async () => {
      await seed(store, collection, [{ id: 'b' }, { id: 'c' }, { id: 'a' }]);
      expect(await findIds(store, collection, {})).toEqual(['a', 'b', 'c']);
    });

    it('sorts numbers numerically and puts null and missing first ascending, last descending', async () => {
      await seed(store, collection, [
        { id: 'n100', v: 100 },
        { id: 'n9', v: 9 },
        { id: 'missing' },
        { id: 'n10', v: 10 },
        { id: 'null', v: null },
        { id: 'neg', v: -1.5 },
      ]);
      expect(await findIds(store, collection, { sort: [asc('v')] })).toEqual(['missing', 'null', 'neg', 'n9', 'n10', 'n100']);
      expect(await findIds(store, collection, { sort: [desc('v')] })).toEqual(['n100', 'n10', 'n9', 'neg', 'null', 'missing']);
    });

    it('sorts strings by code point (ISO timestamps chronologically) and breaks ties by id in the last key\'s direction', async () => {
      await seed(store, collection, [
        { id: 'b', at: '2026-01-02T00:00:00.000Z', name: 'Zed' },
        { id: 'a', at: '2026-01-02T00:00:00.000Z', name: 'zed' },
        { id: 'c', at: '2025-12-31T23:59:59.999Z', name: 'éclair' },
        { id: 'd', at: '2026-01-10T00:00:00.000Z', name: '𝔘nicode' },
        { id: 'e', at: '2026-01-10T00:00:00.000Z', name: '\uffee' },
      ]);
      expect(await findIds(store, collection, { sort: [asc('at')] })).toEqual(['c', 'a', 'b', 'd', 'e']);
      expect(await findIds(store, collection, { sort: [desc('at')] })).toEqual(['e', 'd', 'b', 'a', 'c']);
      expect(await findIds(store, collection, { sort: [asc('name')] })).toEqual(['b', 'a', 'c', 'e', 'd']);
    });

    it('sorts on several keys in mixed directions, nested fields included', async () => {
      await seed(store, collection, [
        { id: 'a', p: 'P2', sla: { due: '2026-01-03' } },
        { id: 'b', p: 'P1', sla: { due: '2026-01-01' } },
        { id: 'c', p: 'P2', sla: { due: '2026-01-05' } },
        { id: 'd', p: 'P1', sla: { due: '2026-01-09' } },
        { id: 'e', p: 'P2' },
      ]);
      expect(await findIds(store, collection, { sort: [asc('p'), desc('sla.due')] })).toEqual(['d', 'b', 'c', 'a', 'e']);
      expect(await findIds(store, collection, { sort: [desc('p'), asc('sla.due')] })).toEqual(['e', 'a', 'c', 'b', 'd']);
    });

    const sorts: Record<string, SortKey[]> = {
      'id only': [],
      'score desc': [desc('score')],
      'closedAt asc (nulls first)': [asc('closedAt')],
      'closedAt desc (nulls last)': [desc('closedAt')],
      'group asc, closedAt desc, score asc': [asc('group'), desc('closedAt'), asc('score')],
      'closedAt asc, score desc': [asc('closedAt'), desc('score')],
    };
    for (const [name, sort] of Object.entries(sorts)) {
      it(`pages through every document exactly once in order: ${name}`, async () => {
        await seed(store, collection, many(), [{ name: 'by_sort', keys: sort.length > 0 ? sort : [asc('id')] }]);
        const everything = await findIds(store, collection, { sort });

        const paged = await pageThrough(store, collection, { sort, limit: 5 });

        expect(everything).toHaveLength(57);
        expect(paged.ids).toEqual(everything);
        expect(paged.pages).toBe(12);
      });
    }

    for (const direction of ['asc', 'desc'] as const) {
      it(`pages exactly on a field mixing types (order across types is adapter-specific), ${direction}`, async () => {
        const values: unknown[] = [3, 'b', true, null, undefined, -1, 'a', false, 2.5, 'B', true, 3, 'b', null];
        await seed(
          store,
          collection,
          values.map((v, i) => ({ id: `m${String(i).padStart(2, '0')}`, ...(v === undefined ? {} : { v }) })),
        );
        const sort = [{ field: 'v', direction }];

        const paged = await pageThrough(store, collection, { sort, limit: 2 });

        expect(paged.ids).toEqual(await findIds(store, collection, { sort }));
        expect(paged.ids).toHaveLength(values.length);
      });
    }

    it('pages with a filter, and ends without an empty page when the last page is full', async () => {
      await seed(store, collection, many());
      const options: FindOptions = { filter: [{ field: 'group', op: 'eq', value: 'x' }], sort: [desc('openedAt')], limit: 18 };

      const first = await store.find(collection, options);
      const second = await store.find(collection, { ...options, cursor: first.nextCursor! });
      const whole = await store.find(collection, { ...options, limit: 19 });

      expect(first.items).toHaveLength(18);
      expect(first.nextCursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(second.items.map((item) => item.id)).toEqual(['doc-00']);
      expect(second.nextCursor).toBeNull();
      expect(whole.items).toHaveLength(19);
      expect(whole.nextCursor).toBeNull();
    });

    for (const [name, sort] of Object.entries({ 'score asc': [asc('score')], 'score desc': [desc('score')], 'closedAt desc, score asc': [desc('closedAt'), asc('score')] })) {
      it(`pages exactly with range bounds on the sorted field, both sides (the dashboard's period window): ${name}`, async () => {
        await seed(store, collection, many(), [{ name: 'by_group_sort', keys: [asc('group'), ...sort] }]);
        const field = sort[0]!.field;
        const [low, high] = field === 'score' ? [1, 5] : ['2026-02-01T00:00:00.000Z', '2026-02-04T00:00:00.000Z'];
        const filter = [
          { field: 'group', op: 'eq' as const, value: 'y' },
          { field, op: 'gte' as const, value: low },
          { field, op: 'lt' as const, value: high },
        ];
        const everything = await findIds(store, collection, { filter, sort });

        const paged = await pageThrough(store, collection, { filter, sort, limit: 3 });

        expect(everything.length).toBeGreaterThan(9);
        expect(paged.ids).toEqual(everything);
      });
    }

    it('stays stable while documents are inserted and deleted between pages', async () => {
      const at = (minute: number): string => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();
      const original = Array.from({ length: 30 }, (_, i) => ({ id: `o${String(i).padStart(2, '0')}`, at: at(i * 10) }));
      const atOf = new Map(original.map((d) => [d.id, d.at]));
      await seed(store, collection, original);
      const sort = [asc('at')];
      const deleted: string[] = [];

      const { ids } = await pageThrough(store, collection, { sort, limit: 7 }, async (page, lastId) => {
        const reached = atOf.get(lastId)!;
        // An original the paging has not reached yet: deleting it must keep it out.
        const ahead = original.filter((d) => d.at > reached && !deleted.includes(d.id))[1];
        const inserted = [
          // Sorts before the position reached: must not show up.
          { id: `before-${page}`, at: at(-page) },
          // Sorts after everything: must show up.
          { id: `after-${page}`, at: at(1000 + page) },
          // Ties with the last item seen and follows it by id: must show up.
          { id: `${lastId}~tie`, at: reached },
        ];
        for (const d of inserted) atOf.set(d.id, d.at);
        await store.commit([
          ...inserted.map((document) => ({ collection, type: 'put' as const, document })),
          ...(ahead ? [{ collection, type: 'delete' as const, id: ahead.id }] : []),
        ]);
        if (ahead) deleted.push(ahead.id);
      });

      const final = await findIds(store, collection, { sort });
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(final.filter((id) => !id.startsWith('before-')));
      expect(ids.filter((id) => id.endsWith('~tie')).length).toBeGreaterThan(2);
      expect(ids.filter((id) => id.startsWith('after-')).length).toBeGreaterThan(2);
      expect(deleted.length).toBeGreaterThan(2);
      expect(ids.some((id) => deleted.includes(id))).toBe(false);
    });

    it('keeps paging when the last item of a page is deleted', async () => {
      await seed(store, collection, many());
      const sort = [desc('closedAt'), asc('score')];
      const everything = await findIds(store, collection, { sort });

      const first = await store.find(collection, { sort, limit: 10 });
      await store.commit([{ collection, type: 'delete', id: first.items[9].id }]);
      const rest = await pageThrough(store, collection, { sort, limit: 10, cursor: first.nextCursor! });

      expect([...first.items.map((item) => item.id), ...rest.ids]).toEqual(everything);
    });

    it('counts every match with withTotal, on every page, and only when asked', async () => {
      await seed(store, collection, many());
      const filter = [{ field: 'score', op: 'gte', value: 3 } as const];

      const first = await store.find(collection, { filter, limit: 4, withTotal: true });
      const second = await store.find(collection, { filter, limit: 4, withTotal: true, cursor: first.nextCursor! });
      const plain = await store.find(collection, { filter, limit: 4 });

      expect(first.total).toBe(many().filter((d) => (d.score as number) >= 3).length);
      expect(second.total).toBe(first.total);
      expect('total' in plain).toBe(false);
    });

    it('accepts limits from 1 to 1000 only', async () => {
      await seed(store, collection, many());
      expect((await store.find(collection, { limit: 1 })).items).toHaveLength(1);
      expect((await store.find(collection, { limit: 1000 })).items).toHaveLength(57);
      for (const limit of [0, -1, 1001, 2.5, Number.NaN, undefined, '10', null]) {
        expect(await rejection(store.find(collection, { limit: untyped<number>(limit) }))).toBe('InvalidQueryError');
      }
    });

    it('refuses malformed sorts', async () => {
      await seed(store, collection, many());
      const invalid: unknown[] = [[{ field: '$natural', direction: 'asc' }], [{ field: 'a', direction: 1 }], [asc('a'), desc('a')], asc('a')];
      for (const sort of invalid) {
        expect(await rejection(store.find(collection, { limit: 5, sort: untyped<SortKey[]>(sort) }))).toBe('InvalidQueryError');
      }
    });

    it('refuses cursors that are garbage, altered or made for another sort', async () => {
      await seed(store, collection, many());
      const page = await store.find(collection, { sort: [desc('score')], limit: 5 });
      const cursor = page.nextCursor!;
      const middle = Math.floor(cursor.length / 2);
      const altered = cursor.slice(0, middle) + (cursor[middle] === 'A' ? 'B' : 'A') + cursor.slice(middle + 1);
      const unsigned = Buffer.from(JSON.stringify({ s: 'score-,id-', v: [{ $gt: '' }, 'x'] })).toString('base64url');
      const bad = ['', 'not a cursor', '!!!!', altered, unsigned, `${cursor}=`, `${cursor.slice(0, -1)}+`, cursor.slice(0, -2), 'A'.repeat(70_000)];

      for (const value of bad) {
        expect(await rejection(store.find(collection, { sort: [desc('score')], limit: 5, cursor: value }))).toBe('InvalidQueryError');
      }
      expect(await rejection(store.find(collection, { sort: [asc('score')], limit: 5, cursor }))).toBe('InvalidQueryError');
      expect(await rejection(store.find(collection, { limit: 5, cursor }))).toBe('InvalidQueryError');
      expect(await rejection(store.find(collection, { sort: [desc('score')], limit: 5, cursor: untyped<string>(42) }))).toBe(
        'InvalidQueryError',
      );
    });
  });
}
