import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import type { FastifyRequest } from 'fastify';
import type { Observable } from 'rxjs';
import { RequestRejectedError } from '../http/request-rejected.error';
import { shown } from './inspect-input';

type RouteArg = Readonly<{ index: number; data?: unknown }>;

/** What a handler reads from the request, from its parameter decorators. */
type RouteInputs = Readonly<{ wholeQuery: boolean; queryNames: ReadonlySet<string>; body: boolean }>;

const inputsOf = (context: ExecutionContext): RouteInputs => {
  const args: Record<string, RouteArg> =
    Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {};
  let wholeQuery = false;
  let body = false;
  const queryNames = new Set<string>();
  for (const [key, arg] of Object.entries(args)) {
    const type = Number(key.split(':')[0]);
    if (type === RouteParamtypes.BODY || type === RouteParamtypes.RAW_BODY) body = true;
    if (type === RouteParamtypes.QUERY) {
      if (typeof arg.data === 'string') queryNames.add(arg.data);
      else wholeQuery = true;
    }
  }
  return { wholeQuery, queryNames, body };
};

/**
 * Refuses input a route would silently ignore, as the validation pipe refuses unknown body fields:
 * query parameters on a route that reads none (or not that one), and a non-empty body on a route
 * that reads none. Routes with a query DTO are left to the validation pipe.
 */
@Injectable()
export class RouteInputsInterceptor implements NestInterceptor {
  private readonly cache = new WeakMap<object, RouteInputs>();

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const handler = context.getHandler();
    let inputs = this.cache.get(handler);
    if (!inputs) this.cache.set(handler, (inputs = inputsOf(context)));
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!inputs.wholeQuery) {
      const unknown = Object.keys((request.query as object | null) ?? {}).find((name) => !inputs.queryNames.has(name));
      if (unknown !== undefined) {
        const name = shown(unknown);
        throw RequestRejectedError.field(`query:${name}`, 'is not a parameter of this route', `Unknown query parameter '${name}'`);
      }
    }
    const body: unknown = request.body;
    if (!inputs.body && typeof body === 'object' && body !== null && Object.keys(body).length > 0) {
      throw RequestRejectedError.field('(body)', 'must be absent or {}', 'This route takes no body');
    }
    return next.handle();
  }
}
