import type { ReadStore } from '../read-store';
import { type ContractContext, rejection, seed } from './contract-support';

export function countByContract(context: ContractContext): void {
  describe('countBy', () => {
    let store: ReadStore;
    let collection: string;

    beforeEach(async () => {
      store = await context.store();
      collection = context.unique();
      await seed(
        store,
        collection,
        [
          { id: '1', status: 'open', flag: true, tags: ['a', 'b'], sla: { breached: true } },
          { id: '2', status: 'open', flag: 1, tags: ['a'], sla: { breached: false } },
          { id: '3', status: 'open', flag: '1', tags: [], sla: { breached: false } },
          { id: '4', status: 'closed', flag: 0, tags: 'a' },
          { id: '5', status: 'closed', flag: false },
          { id: '6', status: 'closed', flag: null, tags: [null, 'c'] },
          { id: '7', status: null, flag: 1, tags: { not: 'scalar' } },
          { id: '8', flag: '[1]', tags: [['nested']] },
          { id: '9', status: 5, flag: '{}' },
          { id: '10', status: 'logged', flag: { a: 1 } },
          { id: '11', status: true, flag: [true] },
        ],
        [{ name: 'by_status', keys: [{ field: 'status', direction: 'asc' }] }],
      );
    });

    it('returns one bucket per value, missing counted as null, by count then value (null, numbers, strings, booleans)', async () => {
      expect(await store.countBy(collection, 'status')).toEqual([
        { value: 'closed', count: 3 },
        { value: 'open', count: 3 },
        { value: null, count: 2 },
        { value: 5, count: 1 },
        { value: 'logged', count: 1 },
        { value: true, count: 1 },
      ]);
    });

    it('keeps values of different types apart and leaves objects out', async () => {
      expect(await store.countBy(collection, 'flag')).toEqual(expectedFlags());
    });

    it('counts array elements one by one (empty arrays count for nothing), like eq on arrays', async () => {
      expect(await store.countBy(collection, 'tags')).toEqual(expectedTags());
      expect(await store.count(collection, [{ field: 'tags', op: 'eq', value: 'a' }])).toBe(3);
      expect(await store.count(collection, [{ field: 'tags', op: 'eq', value: null }])).toBe(5);
    });

    it('applies the filter and reaches nested fields', async () => {
      expect(await store.countBy(collection, 'status', [{ field: 'flag', op: 'in', values: [1, true] }])).toEqual([
        { value: 'open', count: 2 },
        { value: null, count: 1 },
        { value: true, count: 1 },
      ]);
      expect(await store.countBy(collection, 'sla.breached')).toEqual([
        { value: null, count: 8 },
        { value: false, count: 2 },
        { value: true, count: 1 },
      ]);
      expect(await store.countBy(collection, 'status', [{ field: 'status', op: 'eq', value: 'none' }])).toEqual([]);
    });

    it('refuses invalid fields', async () => {
      for (const field of ['$status', 'a..b', '', 'a b']) {
        expect(await rejection(store.countBy(collection, field))).toBe('InvalidQueryError');
      }
    });
  });
}

/** flag: true, 1, '1', 0, false, null, 1, '[1]', '{}', {a:1} (left out), [true] (an array: its element). */
function expectedFlags(): { value: unknown; count: number }[] {
  return [
    { value: 1, count: 2 },
    { value: true, count: 2 },
    { value: null, count: 1 },
    { value: 0, count: 1 },
    { value: '1', count: 1 },
    { value: '[1]', count: 1 },
    { value: '{}', count: 1 },
    { value: false, count: 1 },
  ];
}

/** tags: [a,b], [a], [], 'a', missing, [null,c], an object (left out), [[nested]] (left out), missing ×3. */
function expectedTags(): { value: unknown; count: number }[] {
  return [
    { value: null, count: 5 },
    { value: 'a', count: 3 },
    { value: 'b', count: 1 },
    { value: 'c', count: 1 },
  ];
}
