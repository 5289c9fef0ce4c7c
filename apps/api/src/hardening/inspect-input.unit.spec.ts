import { inspectJson, inspectQuery, inspectQueryEncoding, jsonNestsDeeperThan, keyProblem, stringProblem } from './inspect-input';

const limits = { maxJsonDepth: 20, maxArrayLength: 1000, maxObjectKeys: 200 };

describe('inspectJson', () => {
  it('accepts ordinary bodies, with any legitimate Unicode', () => {
    expect(inspectJson({ title: 'Café – 東京 – 🚀', tags: ['a', 'b'], n: 1, ok: true, none: null }, limits)).toBeUndefined();
    expect(inspectJson({ note: 'price $5.00, see a.b.c' }, limits)).toBeUndefined();
  });

  it.each([
    ['__proto__', JSON.parse('{"__proto__": {"admin": true}}'), '__proto__'],
    ['constructor.prototype', { constructor: { prototype: { admin: true } } }, 'constructor'],
    ['prototype', { a: { prototype: 1 } }, 'a.prototype'],
    ['an operator', { title: { $gt: '' } }, 'title.$gt'],
    ['$where at the top', { $where: '1' }, '$where'],
    ['a dotted key', { 'a.b': 1 }, 'a.b'],
    ['an operator inside an array', { list: [{ $ne: null }] }, 'list.0.$ne'],
  ])('names the path of %s', (_label, value, field) => {
    expect(inspectJson(value, limits)).toEqual({ field, reason: expect.stringContaining('is not allowed') });
  });

  it('refuses lone surrogates and NUL in values and keys, naming where', () => {
    expect(inspectJson({ text: 'a\ud800b' }, limits)).toEqual({ field: 'text', reason: expect.stringMatching(/lone surrogate/) });
    expect(inspectJson({ text: 'a\udc00' }, limits)?.field).toBe('text');
    expect(inspectJson({ '\ud800': 1 }, limits)?.reason).toMatch(/lone surrogate/);
    expect(inspectJson({ list: ['ok', 'a\u0000'] }, limits)).toEqual({ field: 'list.1', reason: 'must not contain NUL characters' });
  });

  it('refuses too deep, too long and too wide structures before anything walks them', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 21; i++) deep = { a: deep };
    expect(inspectJson(deep, limits)?.reason).toBe('nests deeper than 20 levels');
    expect(inspectJson({ a: new Array(1001).fill(0) }, limits)).toEqual({ field: 'a', reason: 'has more than 1000 elements' });
    expect(inspectJson(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i])), limits)?.reason).toBe('has more than 200 members');
  });

  it('walks without recursion, so a very deep value cannot exhaust the stack', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(inspectJson(deep, { ...limits, maxJsonDepth: 1_000_000 })).toBeUndefined();
  });

  it('keeps echoed keys short', () => {
    expect(keyProblem(`$${'x'.repeat(10_000)}`)!.length).toBeLessThan(200);
  });
});

describe('inspectQuery and inspectQueryEncoding', () => {
  it('refuses bracketed, operator, dotted and prototype parameter names', () => {
    expect(inspectQuery({ 'status[$ne]': 'closed' }, limits)?.field).toBe('query:status[$ne]');
    expect(inspectQuery({ $where: '1' }, limits)?.field).toBe('query:$where');
    expect(inspectQuery({ 'sla.breachAt': '1' }, limits)?.field).toBe('query:sla.breachAt');
    expect(inspectQuery({ __proto__: 'x' } as object, limits)).toBeUndefined(); // a literal sets the prototype, no key
    expect(inspectQuery(JSON.parse('{"__proto__": "x"}'), limits)?.field).toBe('query:__proto__');
  });

  it('refuses NUL and lone surrogates in values, and too many parameters or repetitions', () => {
    expect(inspectQuery({ q: ['ok', 'a\u0000'] }, limits)).toEqual({ field: 'query:q', reason: 'must not contain NUL characters' });
    expect(inspectQuery({ q: '\udfff' }, limits)?.field).toBe('query:q');
    expect(inspectQuery({ a: new Array(1001).fill('1') }, limits)?.reason).toMatch(/repeated more than 1000/);
    expect(inspectQuery(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`p${i}`, '1'])), limits)?.field).toBe('(query)');
  });

  it('accepts ordinary queries, $ and dots in values included', () => {
    expect(inspectQuery({ q: '$5.00 invoice', status: ['open', 'closed'] }, limits)).toBeUndefined();
  });

  it('refuses percent-encoding that is not UTF-8, which the parser would keep as it was', () => {
    expect(inspectQueryEncoding('q=%FF')).toEqual({ field: 'query:q', reason: 'is not valid percent-encoded UTF-8' });
    expect(inspectQueryEncoding('a=1&q=%ED%A0%80')?.field).toBe('query:q');
    expect(inspectQueryEncoding('%FF=1')?.field).toBe('query:%FF');
    expect(inspectQueryEncoding('q=%E6%9D%B1%E4%BA%AC&x=a+b&flag')).toBeUndefined();
  });
});

describe('jsonNestsDeeperThan', () => {
  it('counts nesting outside strings only', () => {
    expect(jsonNestsDeeperThan('{"a":[[1]]}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":[[[1]]]}', 3)).toBe(true);
    expect(jsonNestsDeeperThan(`{"a":"${'['.repeat(100)}"}`, 3)).toBe(false);
    expect(jsonNestsDeeperThan('{"a":"\\"[[[[[["}', 3)).toBe(false);
    expect(jsonNestsDeeperThan('['.repeat(10_000), 20)).toBe(true);
  });
});

describe('stringProblem', () => {
  it('accepts paired surrogates (emoji) and refuses lone ones', () => {
    expect(stringProblem('👍🏽')).toBeUndefined();
    expect(stringProblem('👍'.slice(0, 1))).toMatch(/lone surrogate/);
  });
});
