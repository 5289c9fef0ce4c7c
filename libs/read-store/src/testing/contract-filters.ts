import type { FieldCondition, Filter, ReadDocument, ReadStore } from '../read-store';
import { type ContractContext, findIds, rejection, seed, sorted, untyped } from './contract-support';

/**
 * Same field, different types ('10' vs 10, true vs 1 vs 'true'), nulls and missing fields, arrays
 * and scalars under one name, and titles full of LIKE/regex syntax.
 */
const DOCUMENTS: ReadDocument[] = [
  {
    id: 'a',
    status: 'open',
    priority: 'P1',
    score: 10,
    ratio: 0.5,
    flag: true,
    title: 'Ransomware on FILE-SERVER',
    tags: ['malware', 'ransomware'],
    sla: { responseBreached: true },
    openedAt: '2026-01-02T00:00:00.000Z',
    closedAt: null,
  },
  {
    id: 'b',
    status: 'closed',
    priority: 'P2',
    score: 9,
    ratio: 1,
    flag: false,
    title: 'Phishing: 100% off_sale!',
    tags: ['phishing'],
    sla: { responseBreached: false },
    openedAt: '2026-01-10T00:00:00.000Z',
    closedAt: '2026-01-11T00:00:00.000Z',
  },
  {
    id: 'c',
    status: 'open',
    priority: 'P3',
    score: 1,
    ratio: 0,
    flag: 1,
    title: 'École: accès refusé',
    tags: [],
    sla: { responseBreached: false },
    openedAt: '2025-12-31T23:59:59.999Z',
  },
  {
    id: 'd',
    status: '1',
    priority: null,
    score: '10',
    ratio: '0',
    flag: 'true',
    title: 'Regex (a+)*b [x] ^$ \\ . | ?',
    tags: 'malware',
    openedAt: '2026-02-01T00:00:00.000Z',
    closedAt: null,
  },
  {
    id: 'e',
    status: '$gt',
    priority: 'P2',
    score: 100,
    title: '{"$gt": ""}',
    tags: ['x', null],
    nested: { deep: { value: 'a.b' } },
  },
];

export function filterContract(context: ContractContext): void {
  describe('filters', () => {
    let store: ReadStore;
    let collection: string;
    const match = async (...filter: FieldCondition[]): Promise<string[]> => sorted(await findIds(store, collection, { filter }));

    beforeEach(async () => {
      store = await context.store();
      collection = context.unique();
      await seed(store, collection, DOCUMENTS, [
        { name: 'by_status', keys: [{ field: 'status', direction: 'asc' }, { field: 'openedAt', direction: 'desc' }] },
        { name: 'by_tags', keys: [{ field: 'tags', direction: 'asc' }] },
      ]);
    });

    it('matches everything with an empty filter', async () => {
      expect(await match()).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('eq compares value and type: 10, "10", true, 1 and "true" are different', async () => {
      expect(await match({ field: 'status', op: 'eq', value: 'open' })).toEqual(['a', 'c']);
      expect(await match({ field: 'score', op: 'eq', value: 10 })).toEqual(['a']);
      expect(await match({ field: 'score', op: 'eq', value: '10' })).toEqual(['d']);
      expect(await match({ field: 'flag', op: 'eq', value: true })).toEqual(['a']);
      expect(await match({ field: 'flag', op: 'eq', value: false })).toEqual(['b']);
      expect(await match({ field: 'flag', op: 'eq', value: 1 })).toEqual(['c']);
      expect(await match({ field: 'flag', op: 'eq', value: 'true' })).toEqual(['d']);
      expect(await match({ field: 'ratio', op: 'eq', value: 0 })).toEqual(['c']);
      expect(await match({ field: 'ratio', op: 'eq', value: 1 })).toEqual(['b']);
      expect(await match({ field: 'ratio', op: 'eq', value: 0.5 })).toEqual(['a']);
      expect(await match({ field: 'status', op: 'eq', value: 1 })).toEqual([]);
    });

    it('eq null matches null and missing; ne null matches the rest', async () => {
      expect(await match({ field: 'closedAt', op: 'eq', value: null })).toEqual(['a', 'c', 'd', 'e']);
      expect(await match({ field: 'closedAt', op: 'ne', value: null })).toEqual(['b']);
      expect(await match({ field: 'priority', op: 'eq', value: null })).toEqual(['d']);
      expect(await match({ field: 'nowhere', op: 'eq', value: null })).toEqual(['a', 'b', 'c', 'd', 'e']);
    });

    it('ne matches documents where the field is missing or different', async () => {
      expect(await match({ field: 'status', op: 'ne', value: 'open' })).toEqual(['b', 'd', 'e']);
      expect(await match({ field: 'closedAt', op: 'ne', value: '2026-01-11T00:00:00.000Z' })).toEqual(['a', 'c', 'd', 'e']);
      expect(await match({ field: 'flag', op: 'ne', value: true })).toEqual(['b', 'c', 'd', 'e']);
    });

    it('on an array field, eq and in match any element and ne matches when no element does', async () => {
      expect(await match({ field: 'tags', op: 'eq', value: 'malware' })).toEqual(['a', 'd']);
      expect(await match({ field: 'tags', op: 'eq', value: 'phishing' })).toEqual(['b']);
      expect(await match({ field: 'tags', op: 'ne', value: 'malware' })).toEqual(['b', 'c', 'e']);
      expect(await match({ field: 'tags', op: 'in', values: ['phishing', 'x'] })).toEqual(['b', 'e']);
      expect(await match({ field: 'tags', op: 'eq', value: null })).toEqual(['e']);
      expect(await match({ field: 'tags', op: 'gt', value: 'q' })).toEqual(['a', 'e']);
      expect(await match({ field: 'tags', op: 'contains', value: 'WARE' })).toEqual(['a', 'd']);
    });

    it('in matches any listed value of the same type, null included; an empty list matches nothing', async () => {
      expect(await match({ field: 'priority', op: 'in', values: ['P1', null] })).toEqual(['a', 'd']);
      expect(await match({ field: 'score', op: 'in', values: [10, '10'] })).toEqual(['a', 'd']);
      expect(await match({ field: 'flag', op: 'in', values: [true, 1] })).toEqual(['a', 'c']);
      expect(await match({ field: 'status', op: 'in', values: [] })).toEqual([]);
      const many = Array.from({ length: 40_000 }, (_, i) => `value-${i}`);
      expect(await match({ field: 'status', op: 'in', values: [...many, 'closed'] })).toEqual(['b']);
    });

    it('ranges compare numbers numerically and strings by code point, never across types', async () => {
      expect(await match({ field: 'score', op: 'gt', value: 9 })).toEqual(['a', 'e']);
      expect(await match({ field: 'score', op: 'gte', value: 9 }, { field: 'score', op: 'lt', value: 100 })).toEqual(['a', 'b']);
      expect(await match({ field: 'score', op: 'lte', value: 1 })).toEqual(['c']);
      expect(await match({ field: 'score', op: 'lt', value: 'z' })).toEqual(['d']);
      expect(await match({ field: 'flag', op: 'gte', value: 0 })).toEqual(['c']);
      expect(
        await match({ field: 'openedAt', op: 'gte', value: '2026-01-01' }, { field: 'openedAt', op: 'lt', value: '2026-02-01' }),
      ).toEqual(['a', 'b']);
      expect(await match({ field: 'openedAt', op: 'lt', value: '2026' })).toEqual(['c']);
      expect(await match({ field: 'closedAt', op: 'gt', value: '' })).toEqual(['b']);
      // Strings that look like JSON text are strings; objects never compare with strings.
      expect(await match({ field: 'title', op: 'gte', value: '{' })).toEqual(['c', 'e']);
      expect(await match({ field: 'sla', op: 'gt', value: '' })).toEqual([]);
      expect(await match({ field: 'flag', op: 'lte', value: 1 }, { field: 'flag', op: 'gte', value: 0 })).toEqual(['c']);
    });

    it('contains is a case-insensitive substring, also beyond ASCII, on strings only', async () => {
      expect(await match({ field: 'title', op: 'contains', value: 'ransom' })).toEqual(['a']);
      expect(await match({ field: 'title', op: 'contains', value: 'file-SERVER' })).toEqual(['a']);
      expect(await match({ field: 'title', op: 'contains', value: 'ÉCOLE' })).toEqual(['c']);
      expect(await match({ field: 'title', op: 'contains', value: 'accÈs' })).toEqual(['c']);
      expect(await match({ field: 'title', op: 'contains', value: '' })).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await match({ field: 'score', op: 'contains', value: '1' })).toEqual(['d']);
    });

    it('contains takes LIKE and regex syntax literally', async () => {
      const literal = async (value: string): Promise<string[]> => match({ field: 'title', op: 'contains', value });
      expect(await literal('100%')).toEqual(['b']);
      expect(await literal('%')).toEqual(['b']);
      expect(await literal('_')).toEqual(['b']);
      expect(await literal('(a+)*b')).toEqual(['d']);
      expect(await literal('[x]')).toEqual(['d']);
      expect(await literal('^$')).toEqual(['d']);
      expect(await literal('\\')).toEqual(['d']);
      expect(await literal('.')).toEqual(['d']);
      expect(await literal('|')).toEqual(['d']);
      expect(await literal('?')).toEqual(['d']);
      expect(await literal('.*')).toEqual([]);
      expect(await literal('{"$gt"')).toEqual(['e']);
    });

    it('reaches nested fields through dotted paths', async () => {
      expect(await match({ field: 'sla.responseBreached', op: 'eq', value: true })).toEqual(['a']);
      expect(await match({ field: 'sla.responseBreached', op: 'eq', value: false })).toEqual(['b', 'c']);
      expect(await match({ field: 'sla.responseBreached', op: 'eq', value: null })).toEqual(['d', 'e']);
      expect(await match({ field: 'nested.deep.value', op: 'eq', value: 'a.b' })).toEqual(['e']);
    });

    it('filters on id', async () => {
      expect(await match({ field: 'id', op: 'eq', value: 'c' })).toEqual(['c']);
      expect(await match({ field: 'id', op: 'in', values: ['a', 'e', 'zz'] })).toEqual(['a', 'e']);
      expect(await match({ field: 'id', op: 'gt', value: 'c' })).toEqual(['d', 'e']);
      expect(await match({ field: 'id', op: 'ne', value: 'c' })).toEqual(['a', 'b', 'd', 'e']);
    });

    it('ANDs conditions, several on one field included', async () => {
      expect(await match({ field: 'status', op: 'eq', value: 'open' }, { field: 'priority', op: 'eq', value: 'P1' })).toEqual(['a']);
      expect(await match({ field: 'score', op: 'gte', value: 1 }, { field: 'score', op: 'lte', value: 10 })).toEqual(['a', 'b', 'c']);
      expect(await match({ field: 'status', op: 'eq', value: 'open' }, { field: 'status', op: 'eq', value: 'closed' })).toEqual([]);
    });

    it('treats hostile values as plain data', async () => {
      expect(await match({ field: 'status', op: 'eq', value: '$gt' })).toEqual(['e']);
      expect(await match({ field: 'status', op: 'in', values: ['$gt', '$where', '$ne'] })).toEqual(['e']);
      expect(await match({ field: 'status', op: 'eq', value: '$ne' })).toEqual([]);
      expect(await match({ field: 'status', op: 'ne', value: '$gt' })).toEqual(['a', 'b', 'c', 'd']);
      expect(await match({ field: 'title', op: 'eq', value: '{"$gt": ""}' })).toEqual(['e']);
      expect(await match({ field: 'title', op: 'eq', value: "' OR 1=1 --" })).toEqual([]);
      expect(await match({ field: 'title', op: 'contains', value: "'); DROP TABLE x; --" })).toEqual([]);
      expect(await match({ field: 'nested.deep.value', op: 'eq', value: 'a.b' })).toEqual(['e']);
      expect(await match({ field: 'title', op: 'contains', value: 'x'.repeat(20_000) })).toEqual([]);
      expect(await match({ field: 'tags', op: 'eq', value: '["malware","ransomware"]' })).toEqual([]);
      expect(await match({ field: 'sla', op: 'eq', value: '{"responseBreached":true}' })).toEqual([]);
      expect(await match({ field: 'sla', op: 'contains', value: 'responseBreached' })).toEqual([]);
      expect(await store.count(collection)).toBe(DOCUMENTS.length);
    });

    it('finds long and unicode values exactly', async () => {
      const long = `${'y'.repeat(50_000)}needle${'z'.repeat(50_000)}`;
      await store.commit([
        { collection, type: 'put', document: { id: 'long', title: long } },
        { collection, type: 'put', document: { id: 'emoji', title: 'Alert 🚨 on 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 host' } },
      ]);
      expect(await match({ field: 'title', op: 'eq', value: long })).toEqual(['long']);
      expect(await match({ field: 'title', op: 'contains', value: 'NEEDLE' })).toEqual(['long']);
      expect(await match({ field: 'title', op: 'contains', value: '🚨 on 𝔘𝔫𝔦' })).toEqual(['emoji']);
    });

    it('counts matches', async () => {
      expect(await store.count(collection)).toBe(5);
      expect(await store.count(collection, [{ field: 'status', op: 'eq', value: 'open' }])).toBe(2);
      expect(await store.count(collection, [])).toBe(5);
    });

    it('refuses malformed filters with InvalidQueryError', async () => {
      const invalid: unknown[] = [
        [{ field: '$where', op: 'eq', value: 'x' }],
        [{ op: 'eq', value: 'x' }],
        [{ field: { toString: () => 'status' }, op: 'eq', value: 'open' }],
        [{ field: 'a..b', op: 'eq', value: 'x' }],
        [{ field: '', op: 'eq', value: 'x' }],
        [{ field: 'a.$b', op: 'eq', value: 'x' }],
        [{ field: 'a b', op: 'eq', value: 'x' }],
        [{ field: 'status', op: 'regex', value: '.*' }],
        [{ field: 'status', op: 'eq', value: { $gt: '' } }],
        [{ field: 'status', op: 'ne', value: { $ne: null } }],
        [{ field: 'status', op: 'eq', value: ['open'] }],
        [{ field: 'status', op: 'eq' }],
        [{ field: 'status', op: 'in', values: 'open' }],
        [{ field: 'status', op: 'in', values: [{ $gt: '' }] }],
        [{ field: 'score', op: 'gt', value: Number.NaN }],
        [{ field: 'score', op: 'gt', value: true }],
        [{ field: 'score', op: 'lt', value: null }],
        [{ field: 'title', op: 'contains', value: 1 }],
        [{ field: 'title', op: 'contains', value: /x/ }],
        [null],
        { field: 'status', op: 'eq', value: 'open' },
      ];
      for (const filter of invalid) {
        expect(await rejection(store.find(collection, { limit: 10, filter: untyped<Filter>(filter) }))).toBe('InvalidQueryError');
        expect(await rejection(store.count(collection, untyped<Filter>(filter)))).toBe('InvalidQueryError');
        expect(await rejection(store.countBy(collection, 'status', untyped<Filter>(filter)))).toBe('InvalidQueryError');
      }
    });
  });
}
