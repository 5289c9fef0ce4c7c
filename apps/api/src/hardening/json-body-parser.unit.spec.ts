import { RequestRejectedError } from '../http/request-rejected.error';
import { parseJsonBody } from './json-body-parser';

const limits = { maxJsonDepth: 20, maxArrayLength: 1000, maxObjectKeys: 200 };
const parse = (body: string | Buffer, contentType = 'application/json'): unknown =>
  parseJsonBody(typeof body === 'string' ? Buffer.from(body) : body, contentType, limits);
const rejection = (body: string | Buffer, contentType?: string): RequestRejectedError => {
  try {
    parse(body, contentType);
  } catch (error) {
    if (error instanceof RequestRejectedError) return error;
    throw error;
  }
  throw new Error('not rejected');
};

describe('parseJsonBody', () => {
  it('parses UTF-8 JSON objects, legitimate Unicode included', () => {
    expect(parse('{"title":"Café 東京 🚀"}')).toEqual({ title: 'Café 東京 🚀' });
    expect(parse('{"a":1}', 'application/json; charset=UTF-8')).toEqual({ a: 1 });
  });

  it('refuses bytes that are not UTF-8 instead of turning them into U+FFFD', () => {
    const error = rejection(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')]));
    expect(error.status).toBe(400);
    expect(error.errors).toEqual([{ field: '(body)', reason: 'is not valid UTF-8' }]);
    expect(rejection(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"}')])).status).toBe(400);
  });

  it('refuses other charsets with 415', () => {
    expect(rejection('{}', 'application/json; charset=utf-16').status).toBe(415);
  });

  it('refuses a 10 000-level document before parsing it', () => {
    expect(rejection('['.repeat(10_000) + ']'.repeat(10_000)).errors[0]).toEqual({ field: '(body)', reason: 'nests deeper than 20 levels' });
  });

  it('refuses empty, malformed and non-object bodies, without " at " in the reason', () => {
    expect(rejection('').errors[0]?.reason).toMatch(/empty/);
    const malformed = rejection('{"a": tru');
    expect(malformed.message).toBe('Malformed JSON body');
    expect(malformed.errors[0]?.reason).not.toMatch(/ at /);
    for (const body of ['null', '[]', '"x"', '1', 'true']) expect(rejection(body).errors[0]).toEqual({ field: '(body)', reason: 'must be a JSON object' });
  });

  it('names prototype-pollution and operator keys', () => {
    expect(rejection('{"__proto__":{"x":1}}').errors[0]?.field).toBe('__proto__');
    expect(rejection('{"a":{"constructor":{"prototype":{}}}}').errors[0]?.field).toBe('a.constructor');
    expect(rejection('{"title":{"$gt":""}}').message).toMatch(/title\.\$gt/);
    expect(rejection('{"t":"\\ud800"}').errors[0]).toEqual({ field: 't', reason: expect.stringMatching(/lone surrogate/) });
  });
});
