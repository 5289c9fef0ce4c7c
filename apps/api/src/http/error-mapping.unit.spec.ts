import { HttpException } from '@nestjs/common';
import { ReadStoreUnavailableError } from '@ledger/read-store';
import { toErrorResponse } from './error-mapping';
import { RequestRejectedError } from './request-rejected.error';

describe('toErrorResponse', () => {
  it('maps a rejection by the hardening layer to its status, with the field, details and headers', () => {
    expect(toErrorResponse(RequestRejectedError.field('title.$gt', "the key '$gt' is not allowed"))).toEqual({
      status: 400,
      body: {
        statusCode: 400,
        error: 'Bad Request',
        message: "Invalid title.$gt: the key '$gt' is not allowed",
        errors: [{ field: 'title.$gt', reason: "the key '$gt' is not allowed" }],
      },
      headers: {},
    });
    const limited = toErrorResponse(new RequestRejectedError(429, 'Too many requests', [], { retryAfterSeconds: 7 }, { 'retry-after': '7' }));
    expect(limited).toEqual({
      status: 429,
      body: { statusCode: 429, error: 'Too Many Requests', message: 'Too many requests', retryAfterSeconds: 7 },
      headers: { 'retry-after': '7' },
    });
    expect(toErrorResponse(new RequestRejectedError(414, 'The URL is too long')).body.error).toBe('URI Too Long');
  });

  it("maps Fastify's content-length mismatch to a 400", () => {
    const cause = Object.assign(new Error('Request body size did not match Content-Length'), { code: 'FST_ERR_CTP_INVALID_CONTENT_LENGTH', statusCode: 400 });
    expect(toErrorResponse(new HttpException('x', 400, { cause })).body.message).toBe('Content-Length does not match the body sent');
  });

  it('treats a client that went away mid-body as a client error, not one to log', () => {
    const aborted = Object.assign(new Error('aborted'), { code: 'ECONNRESET', statusCode: 400 });
    expect(toErrorResponse(aborted)).toEqual({ status: 400, body: expect.objectContaining({ statusCode: 400 }) });
  });

  it('never details an unexpected error', () => {
    const response = toErrorResponse(new Error('ENOENT: /work/main/data/x.ts:12'));
    expect(response).toMatchObject({ status: 500, unexpected: true });
    expect(JSON.stringify(response.body)).toBe('{"statusCode":500,"error":"Internal Server Error","message":"Internal server error"}');
  });

  it('answers 503 with Retry-After, and nothing internal, when the read store cannot be reached', () => {
    const closed = new ReadStoreUnavailableError('The read store at /srv/ledger/data/read-models.sqlite is closed');
    const noServer = Object.assign(new Error('Server selection timed out after 5000 ms: mongodb://user:secret@db:27017'), {
      name: 'MongoServerSelectionError',
    });
    const socket = Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' });
    for (const error of [closed, noServer, socket]) {
      const response = toErrorResponse(error);
      expect(response).toEqual({
        status: 503,
        headers: { 'retry-after': expect.stringMatching(/^\d+$/) },
        body: expect.objectContaining({ statusCode: 503, message: 'The read store is unavailable; retry shortly' }),
      });
      expect(JSON.stringify(response.body)).not.toMatch(/srv|secret|mongodb:/);
    }
  });
});
