import { Body, type ExecutionContext, Query } from '@nestjs/common';
import { of } from 'rxjs';
import { RequestRejectedError } from '../http/request-rejected.error';
import { RouteInputsInterceptor } from './route-inputs.interceptor';

class Controller {
  none(): void {}
  named(@Query('reason') _reason: string): void {}
  whole(@Query() _query: object): void {}
  withBody(@Body() _body: object): void {}
}

const contextFor = (handler: keyof Controller, request: { query?: object; body?: unknown }): ExecutionContext =>
  ({
    getType: () => 'http',
    getClass: () => Controller,
    getHandler: () => Controller.prototype[handler],
    switchToHttp: () => ({ getRequest: () => request }),
  }) as unknown as ExecutionContext;

const run = (handler: keyof Controller, request: { query?: object; body?: unknown }): unknown => {
  try {
    new RouteInputsInterceptor().intercept(contextFor(handler, request), { handle: () => of('ok') });
    return 'passed';
  } catch (error) {
    return error instanceof RequestRejectedError ? error.errors : error;
  }
};

describe('RouteInputsInterceptor', () => {
  it('refuses query parameters a route does not read', () => {
    expect(run('none', { query: { limit: '5' } })).toEqual([{ field: 'query:limit', reason: 'is not a parameter of this route' }]);
    expect(run('named', { query: { reason: 'x', other: 'y' } })).toEqual([{ field: 'query:other', reason: 'is not a parameter of this route' }]);
    expect(run('named', { query: { reason: 'x' } })).toBe('passed');
    expect(run('whole', { query: { anything: 'x' } })).toBe('passed'); // the query DTO's validation decides
  });

  it('refuses a non-empty body on a route that reads none, and allows {} or none', () => {
    expect(run('none', { body: { text: 'x' } })).toEqual([{ field: '(body)', reason: 'must be absent or {}' }]);
    expect(run('none', { body: {} })).toBe('passed');
    expect(run('none', {})).toBe('passed');
    expect(run('withBody', { body: { text: 'x' } })).toBe('passed');
  });
});
