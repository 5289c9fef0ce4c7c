import type { FastifyInstance } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { RequestRejectedError } from '../http/request-rejected.error';
import type { HardeningConfig } from './hardening-config';
import { inspectQuery, inspectQueryEncoding } from './inspect-input';
import { isDocsUrl } from './security-headers';

const carriesBody = (headers: IncomingHttpHeaders): boolean =>
  headers['transfer-encoding'] !== undefined || Number(headers['content-length'] ?? 0) > 0;

/**
 * Checks every request (matched route or not) before its body is read: URL length, no body on
 * GET/HEAD, and the query string (encoding, names, values). Marks API answers as not cacheable.
 */
export const registerRequestHooks = (fastify: FastifyInstance, config: HardeningConfig): void => {
  fastify.addHook('onRequest', async (request) => {
    if (request.url.length > config.maxUrlLength) {
      throw new RequestRejectedError(414, `The URL is longer than ${config.maxUrlLength} characters`);
    }
    if ((request.method === 'GET' || request.method === 'HEAD') && carriesBody(request.headers)) {
      throw RequestRejectedError.field('(body)', 'must be absent', `A ${request.method} request carries no body`);
    }
    const mark = request.url.indexOf('?');
    if (mark === -1) return;
    const problem = inspectQueryEncoding(request.url.slice(mark + 1)) ?? inspectQuery(request.query, config);
    if (problem) throw RequestRejectedError.field(problem.field, problem.reason);
  });

  // Incident data must not linger in shared or browser caches; the docs' static assets may.
  fastify.addHook('onSend', async (request, reply, payload) => {
    if (!reply.hasHeader('cache-control') && !isDocsUrl(request.url)) void reply.header('cache-control', 'no-store');
    return payload;
  });
};
