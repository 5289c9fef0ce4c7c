import { randomUUID } from 'node:crypto';
import type { RawRequest } from './raw-http';
import { type FieldSpec, type RouteTarget, withParam } from './route-targets';

export type CaseCategory = 'json' | 'structure' | 'prototype' | 'operators' | 'unicode' | 'size' | 'types' | 'content-type' | 'query' | 'path' | 'headers';

/** One hostile request and what a hardened API must answer. */
export type HostileCase = Readonly<{
  category: CaseCategory;
  name: string;
  request: RawRequest;
  /** '4xx': refused with a clear error; 'not-5xx': legitimate input a route may accept (e.g. a search text). */
  expect: '4xx' | 'not-5xx';
  /** A field the answer must name in errors[] (exactly, or as the parent of the path named). */
  field?: string;
}>;

export type CaseContext = Readonly<{
  token: string;
  bodyLimit: number;
  maxUrlLength: number;
  /** Real ids (incident, evidence…) by path parameter name. */
  values: Readonly<Record<string, string>>;
}>;

const JSON_TYPE = { 'content-type': 'application/json' };
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The first string field of a route (to put hostile strings where strings belong), else 'text'. */
const stringField = (target: RouteTarget): string => target.bodyFields.find((field) => field.type === 'string')?.name ?? 'text';


const bodyCases = (target: RouteTarget, ctx: CaseContext): HostileCase[] => {
  const auth = { authorization: `Bearer ${ctx.token}` };
  const text = stringField(target);
  // A GET carries no body: whatever is in it, the answer names the body.
  const named = (field: string | undefined): string | undefined => (field !== undefined && !WRITES.has(target.method) ? '(body)' : field);
  const body = (category: CaseCategory, name: string, payload: string | Buffer, field?: string, headers: Record<string, string> = JSON_TYPE): HostileCase => ({
    category,
    name,
    request: { method: target.method, target: target.path, headers: { ...auth, ...headers }, body: payload },
    expect: '4xx',
    ...(named(field) !== undefined && { field: named(field) }),
  });
  const deepObject = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
  const under = ctx.bodyLimit - 64;
  return [
    body('json', 'unterminated JSON', '{"title": "unterminated', '(body)'),
    body('json', 'JavaScript, not JSON', "{title: 'x', source: monitoring}", '(body)'),
    body('json', 'trailing garbage', '{} xyz', '(body)'),
    // Content-Length: 0 is no body at all: a normal GET, and a 400 on a route that needs a body.
    { ...body('json', 'empty body', '', WRITES.has(target.method) ? '(body)' : undefined), expect: WRITES.has(target.method) ? '4xx' : 'not-5xx' },
    body('json', 'null body', 'null', '(body)'),
    body('json', 'array body', '[]', '(body)'),
    body('json', 'string body', '"incident"', '(body)'),
    body('json', 'number body', '12345', '(body)'),
    body('json', 'boolean body', 'true', '(body)'),
    body('json', 'byte-order mark then an object of nonsense', `\ufeff{"${text}": 1}`),
    body('json', 'duplicate keys', `{"${text}": 1, "${text}": {"$gt": ""}}`),
    body('structure', 'depth 10 000 (raw text, objects)', deepObject(10_000), '(body)'),
    body('structure', 'depth 10 000 (raw text, arrays)', `{"a":${'['.repeat(10_000)}${']'.repeat(10_000)}}`, '(body)'),
    body('structure', 'depth 25', deepObject(25), '(body)'),
    body('structure', 'array of 1001 elements', JSON.stringify({ [text]: Array.from({ length: 1001 }, (_, i) => i) }), text),
    body('structure', 'object of 201 members', JSON.stringify(Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`k${i}`, i]))), '(body)'),
    body('prototype', '__proto__ at the top', '{"__proto__": {"isAdmin": true}}', '__proto__'),
    body('prototype', 'constructor.prototype', '{"constructor": {"prototype": {"isAdmin": true}}}', 'constructor'),
    body('prototype', 'nested __proto__', `{"${text}": {"inner": {"__proto__": {"polluted": 1}}}}`, `${text}.inner.__proto__`),
    body('prototype', 'prototype key', '{"prototype": {"polluted": 1}}', 'prototype'),
    body('operators', '$where at the top', '{"$where": "1"}', '$where'),
    body('operators', '$gt where a string belongs', JSON.stringify({ [text]: { $gt: '' } }), `${text}.$gt`),
    body('operators', '$where where a string belongs', JSON.stringify({ [text]: { $where: 'sleep(1000)' } }), `${text}.$where`),
    body('operators', '$ne inside an array', JSON.stringify({ [text]: [{ $ne: null }] }), `${text}.0.$ne`),
    body('operators', 'dotted key', JSON.stringify({ [`${text}.deep`]: 'x' }), `${text}.deep`),
    body('unicode', 'lone high surrogate in a value', JSON.stringify({ [text]: 'a\ud800b' }), text),
    body('unicode', 'lone low surrogate in a key', JSON.stringify({ '\udc00': 'x' })),
    body('unicode', 'NUL in a value', JSON.stringify({ [text]: 'a\u0000b' }), text),
    body('unicode', 'invalid UTF-8 bytes', Buffer.concat([Buffer.from(`{"${text}":"`), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('"}')]), '(body)'),
    body('unicode', 'overlong UTF-8 (/)', Buffer.concat([Buffer.from(`{"${text}":"`), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]), '(body)'),
    body('unicode', 'UTF-8-encoded surrogate (CESU)', Buffer.concat([Buffer.from(`{"${text}":"`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')]), '(body)'),
    body('unicode', 'truncated UTF-8 sequence', Buffer.concat([Buffer.from(`{"${text}":"`), Buffer.from([0xe6, 0x9d]), Buffer.from('"}')]), '(body)'),
    body('size', '1 MB string (beyond the body limit)', JSON.stringify({ [text]: 'x'.repeat(1_100_000) })),
    body('size', 'just under the body limit', JSON.stringify({ [text]: 'x'.repeat(under - text.length - 8) })),
    body('content-type', 'text/plain', 'title=x', undefined, { 'content-type': 'text/plain' }),
    body('content-type', 'form-urlencoded', `${text}=x&source=monitoring`, undefined, { 'content-type': 'application/x-www-form-urlencoded' }),
    body('content-type', 'multipart', '--x\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--x--\r\n', undefined, {
      'content-type': 'multipart/form-data; boundary=x',
    }),
    body('content-type', 'XML', '<incident><title>x</title></incident>', undefined, { 'content-type': 'application/xml' }),
    body('content-type', 'JSON in UTF-16', Buffer.from(`{"${text}":"x"}`, 'utf16le'), undefined, { 'content-type': 'application/json; charset=utf-16' }),
    body('content-type', 'no content type', `{"${text}":"x"}`, undefined, {}),
    body('content-type', 'JSON with a charset-less vendor type', `{"${text}":"x"}`, undefined, { 'content-type': 'application/vnd.evil+json' }),
  ];
};

/** Wrong types for each declared body field: numbers for strings, objects for arrays, and so on. */
const typeCases = (target: RouteTarget, ctx: CaseContext): HostileCase[] => {
  const wrong = (field: FieldSpec): unknown[] => {
    switch (field.type) {
      case 'string':
        // null only where a value is required: for an optional field it may mean "absent" (incident DTOs refuse it too).
        return [12345, true, ['x'], { nested: 'x' }, ...(field.required ? [null] : [])];
      case 'integer':
      case 'number':
        return ['1', 1.5, [1], { value: 1 }, 1e300];
      case 'array':
        return [
          'x',
          { 0: 'x' },
          [[['x']]],
          [12345],
          // A closed list (roles, projection names) takes none of these as a member either.
          ...(field.freeText ? [] : [['__proto__'], ['x\u0000'], [{ $gt: '' }], [null], ['x'.repeat(5000)]]),
        ];
      case 'boolean':
        return ['true', 1];
      default:
        return [[], 'x'];
    }
  };
  return target.bodyFields.flatMap((field) =>
    wrong(field).map(
      (value): HostileCase => ({
        category: 'types',
        name: `${field.name} = ${JSON.stringify(value)}`,
        request: {
          method: target.method,
          target: target.path,
          headers: { authorization: `Bearer ${ctx.token}`, ...JSON_TYPE },
          body: JSON.stringify({ [field.name]: value }),
        },
        expect: '4xx',
        field: WRITES.has(target.method) ? field.name : '(body)',
      }),
    ),
  );
};

const queryCases = (target: RouteTarget, ctx: CaseContext): HostileCase[] => {
  const auth = { authorization: `Bearer ${ctx.token}` };
  const sep = target.path.includes('?') ? '&' : '?';
  const query = (name: string, raw: string, expect: HostileCase['expect'] = '4xx', field?: string): HostileCase => ({
    category: 'query',
    name,
    request: { method: target.method, target: `${target.path}${sep}${raw}`, headers: auth, ...(WRITES.has(target.method) && { headers: { ...auth, ...JSON_TYPE }, body: '{}' }) },
    expect,
    ...(field !== undefined && { field }),
  });
  const fixed = [
    query('status[$ne]=closed', 'status[$ne]=closed', '4xx', 'query:status[$ne]'),
    query('q[$regex]=.*', 'q[$regex]=.*', '4xx', 'query:q[$regex]'),
    query('assignee=$where', 'assignee=$where'),
    query('$where=1', '$where=1', '4xx', 'query:$where'),
    query('__proto__[isAdmin]=1', '__proto__[isAdmin]=1'),
    query('__proto__=x', '__proto__=x', '4xx', 'query:__proto__'),
    query('constructor[prototype][isAdmin]=1', 'constructor[prototype][isAdmin]=1'),
    query('dotted name', 'sla.breachAt=1', '4xx', 'query:sla.breachAt'),
    query('NUL in a value', 'q=a%00b'),
    query('percent-encoded lone surrogate', 'q=%ED%A0%80', '4xx', 'query:q'),
    query('invalid percent-encoding', 'q=%FF%FE', '4xx', 'query:q'),
    query('broken escape', 'q=%E0%A4%A', '4xx', 'query:q'),
    query('URL longer than the limit', `q=${'x'.repeat(ctx.maxUrlLength + 10)}`),
    query('201 parameters', Array.from({ length: 201 }, (_, i) => `p${i}=1`).join('&'), '4xx', '(query)'),
    query('one parameter repeated 1001 times', Array.from({ length: 1001 }, () => 'a=1').join('&')),
  ];
  const perParameter = target.queryFields.flatMap((field) => [
    query(`${field.name}[$ne]`, `${field.name}[$ne]=x`, '4xx', `query:${field.name}[$ne]`),
    query(`${field.name}=$where`, `${field.name}=$where`, field.freeText ? 'not-5xx' : '4xx'),
    query(`${field.name} as an operator object`, `${field.name}=${encodeURIComponent('{"$gt":""}')}`, field.freeText ? 'not-5xx' : '4xx'),
    query(`${field.name} with NUL`, `${field.name}=x%00`, '4xx', `query:${field.name}`),
    query(`${field.name} 3000 characters`, `${field.name}=${'x'.repeat(3000)}`),
  ]);
  return [...fixed, ...perParameter];
};

const pathCases = (target: RouteTarget, ctx: CaseContext): HostileCase[] => {
  const auth = { authorization: `Bearer ${ctx.token}` };
  const write = WRITES.has(target.method);
  return target.params.flatMap((param) =>
    [
      ['random UUID', randomUUID()],
      ['not a UUID', 'not-a-uuid'],
      ['path traversal', '..%2F..%2Fetc%2Fpasswd'],
      ['NUL', 'abc%00'],
      ['invalid percent-encoding', '%FF%FE'],
      ['300 characters', 'a'.repeat(300)],
      ['$where', '$where'],
      ['operator object', encodeURIComponent('{"$gt":""}')],
    ].map(
      ([name, raw]): HostileCase => ({
        category: 'path',
        name: `:${param} ${name}`,
        request: {
          method: target.method,
          target: withParam(target, ctx.values, param, raw!),
          headers: write ? { ...auth, ...JSON_TYPE } : auth,
          ...(write && { body: '{}' }),
        },
        expect: '4xx',
      }),
    ),
  );
};

const headerCases = (target: RouteTarget, ctx: CaseContext): HostileCase[] => {
  const request = (headers: Record<string, string>): RawRequest => ({ method: target.method, target: target.path, headers });
  const auth = `Bearer ${ctx.token}`;
  return [
    { name: 'a 20 kB header', request: request({ authorization: auth, 'x-pad': 'a'.repeat(20_000) }) },
    { name: '300 headers', request: request({ authorization: auth, ...Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`x-h${i}`, 'v'.repeat(60)])) }) },
    { name: 'a 600-character token', request: request({ authorization: `Bearer ${'a'.repeat(600)}` }) },
    { name: 'Basic credentials', request: request({ authorization: 'Basic YWRtaW46YWRtaW4=' }) },
    { name: 'a token with a NUL', request: request({ authorization: `Bearer ${ctx.token}\u0000` }) },
    { name: 'no credentials', request: request({}) },
  ].map((item, i): HostileCase => ({
    category: 'headers',
    ...item,
    // A public route ignores credentials: only the size and NUL cases must be refused there.
    expect: target.isPublic && i >= 2 && item.name !== 'a token with a NUL' ? 'not-5xx' : '4xx',
  }));
};

/** Every hostile case for one route. */
export const hostileCases = (target: RouteTarget, ctx: CaseContext): HostileCase[] => [
  ...bodyCases(target, ctx),
  ...typeCases(target, ctx),
  ...queryCases(target, ctx),
  ...pathCases(target, ctx),
  ...headerCases(target, ctx),
];
