import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { type Permission, REQUIRED_PERMISSION } from './permissions';
import { IS_PUBLIC } from './public.decorator';

export type RouteInfo = Readonly<{
  method: string;
  path: string;
  controller: string;
  handler: string;
  permission?: Permission;
  isPublic: boolean;
}>;

/** Joins a controller prefix and a handler path as Nest does: '/incidents' + ':id/contain' → '/incidents/:id/contain'. */
export const joinPath = (...parts: string[]): string =>
  `/${parts
    .flatMap((part) => part.split('/'))
    .filter((part) => part !== '')
    .join('/')}`;

/** Every HTTP route of the application with the permission it declares (for tests and docs). */
export const listRoutes = (app: INestApplication): RouteInfo[] => {
  const discovery = app.get(DiscoveryService);
  const scanner = app.get(MetadataScanner);
  const reflector = app.get(Reflector);
  const routes: RouteInfo[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const prefix: string = Reflect.getMetadata(PATH_METADATA, wrapper.metatype) ?? '';
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as (...args: unknown[]) => unknown;
      const path: string | undefined = Reflect.getMetadata(PATH_METADATA, handler);
      const method: RequestMethod | undefined = Reflect.getMetadata(METHOD_METADATA, handler);
      if (path === undefined || method === undefined) continue;
      const targets = [handler, wrapper.metatype];
      routes.push({
        method: RequestMethod[method],
        path: joinPath(prefix, path),
        controller: wrapper.metatype.name,
        handler: name,
        permission: reflector.getAllAndOverride<Permission | undefined>(REQUIRED_PERMISSION, targets),
        isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
      });
    }
  }
  return routes.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
};
