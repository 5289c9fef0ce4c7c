import { arrayPathsOf } from '../sqlite/array-paths';
import { checkStorableDocument, MAX_DOCUMENT_DEPTH, normalizeDocument } from './document-rules';

/**
 * checkStorableDocument is normalizeDocument without the copy (the SQLite adapter stores the JSON
 * text): the same documents pass, with the same errors for the rest, and JSON.stringify of what it
 * returns is JSON.stringify of normalizeDocument's copy.
 */
describe('checkStorableDocument', () => {
  const deep = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < levels; i++) value = { nested: value };
    return value;
  };
  const holey = [1, , 3]; // eslint-disable-line no-sparse-arrays
  const valid: Record<string, unknown>[] = [
    { id: 'a' },
    { id: 'a', title: 'x', n: 1.5, ok: true, none: null, list: [1, 'two', null, { three: [3] }] },
    { id: 'a', gone: undefined, minusZero: -0, nested: { gone: undefined, minusZero: [-0] } },
    { id: 'a', holey },
    { id: 'a', 'not-a-path': [1], under_score: { list: [], deeper: { more: ['x'] } }, '0': [] },
    { id: 'a', ...deep(MAX_DOCUMENT_DEPTH - 2) },
    Object.assign(Object.create(null) as Record<string, unknown>, { id: 'a', tags: ['x'] }),
    JSON.parse('{"id":"a","data":{"actions":["x"],"subcategories":[]}}') as Record<string, unknown>,
  ];
  const invalid: unknown[] = [
    null,
    [],
    'text',
    {},
    { id: '' },
    { id: 7 },
    { id: 'a', _id: 'b' },
    { id: 'a', $set: 1 },
    { id: 'a', nested: { 'dotted.key': 1 } },
    { id: 'a', nested: [{ '': 1 }] },
    { id: 'a', 'nul\0': 1 },
    { id: 'a', list: [1, undefined] },
    { id: 'a', n: Number.NaN },
    { id: 'a', n: [Number.POSITIVE_INFINITY] },
    { id: 'a', at: new Date(0) },
    { id: 'a', big: 1n },
    { id: 'a', fn: () => 1 },
    { id: 'a', nested: new (class Thing {})() },
    { id: 'a', toJSON: () => ({}) },
    { id: 'a', ...deep(MAX_DOCUMENT_DEPTH) },
    JSON.parse('{"id":"a","__proto__":{"x":1}}'),
  ];

  it.each(valid.map((document, i) => [i, document] as const))('valid document %i: itself, stored as the copy would be', (_i, document) => {
    const paths = new Set<string>();
    const checked = checkStorableDocument(document, paths);
    expect(checked).toBe(document);
    expect(JSON.stringify(checked)).toBe(JSON.stringify(normalizeDocument(document)));
    expect([...paths].sort()).toEqual(arrayPathsOf(normalizeDocument(document)).sort());
  });

  it.each(invalid.map((document, i) => [i, document] as const))('invalid document %i: normalizeDocument’s error', (_i, document) => {
    let expected: unknown;
    try {
      normalizeDocument(document);
    } catch (error) {
      expected = error;
    }
    expect(expected).toBeInstanceOf(Error);
    expect(() => checkStorableDocument(document, new Set())).toThrow(expected as Error);
  });

  it('lists own keys only, even with an enumerable key inherited from a polluted Object.prototype', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.$polluted = [1];
    try {
      const document = { id: 'a', tags: ['x'] };
      const paths = new Set<string>();
      expect(checkStorableDocument(document, paths)).toBe(document);
      expect([...paths]).toEqual(['tags']);
    } finally {
      delete proto.$polluted;
    }
  });
});
