import type { FastifyInstance, FastifyRequest } from 'fastify';
import { RequestRejectedError } from '../http/request-rejected.error';
import { type InputLimits, inspectJson, jsonNestsDeeperThan } from './inspect-input';

const utf8 = new TextDecoder('utf-8', { fatal: true });

const malformed = (reason: string): RequestRejectedError =>
  new RequestRejectedError(400, 'Malformed JSON body', [{ field: '(body)', reason }]);

const positionOf = (message: string): string =>
  message.replace(/ at position (\d+)(?: \(line \d+ column \d+\))?/, ' (position $1)');

/** The charset parameter of a Content-Type header, lower-cased, if any. */
const charsetOf = (contentType: string | undefined): string | undefined =>
  /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();

/**
 * Parses a JSON body, refusing before anything else sees it: bytes that are not UTF-8 (the default
 * parser would silently turn them into U+FFFD), nesting beyond the limit (found by a scan before
 * parsing), anything but an object at the top, and the keys and strings inspectJson refuses.
 */
export const parseJsonBody = (body: Buffer, contentType: string | undefined, limits: InputLimits): unknown => {
  const charset = charsetOf(contentType);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw new RequestRejectedError(415, `Unsupported charset '${charset.slice(0, 32)}'; send UTF-8 JSON`);
  }
  if (body.length === 0) throw malformed('the body is empty; send a JSON object');
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw malformed('is not valid UTF-8');
  }
  if (jsonNestsDeeperThan(text, limits.maxJsonDepth)) {
    throw RequestRejectedError.field('(body)', `nests deeper than ${limits.maxJsonDepth} levels`, 'JSON body nested too deeply');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // V8's message names the position, never anything of ours; said without " at ", which reads like a stack.
    throw malformed(error instanceof SyntaxError ? positionOf(error.message) : 'is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw RequestRejectedError.field('(body)', 'must be a JSON object');
  }
  const problem = inspectJson(parsed, limits);
  if (problem) throw RequestRejectedError.field(problem.field, problem.reason);
  return parsed;
};

/**
 * Makes this parser the only one: every other content type (form data, text, XML…) is answered 415,
 * so nothing but inspected JSON ever reaches validation.
 */
export const registerJsonBodyParser = (fastify: FastifyInstance, bodyLimit: number, limits: InputLimits): void => {
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit },
    (request: FastifyRequest, body: Buffer | string, done: (error: Error | null, parsed?: unknown) => void) => {
      try {
        const bytes = typeof body === 'string' ? Buffer.from(body) : body;
        done(null, parseJsonBody(bytes, request.headers['content-type'], limits));
      } catch (error) {
        done(error as Error);
      }
    },
  );
};
