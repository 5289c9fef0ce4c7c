import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyHttpOptions, FastifyServerOptions } from 'fastify';
import type { Server } from 'node:http';
import type { HardeningConfig } from './hardening-config';
import { registerJsonBodyParser } from './json-body-parser';
import { registerRequestHooks } from './request-hooks';
import { registerSecurityHeaders } from './security-headers';

/** Fastify/Node server options: timeouts against slow clients, header and proxy limits. */
export const serverHardeningOptions = (config: HardeningConfig): FastifyHttpOptions<Server> => ({
  requestTimeout: config.requestTimeoutMs,
  connectionTimeout: config.connectionTimeoutMs,
  // Fastify takes a hop count too (proxy-addr), though its typings omit it.
  trustProxy: config.trustProxy as FastifyServerOptions['trustProxy'],
  http: {
    maxHeaderSize: config.maxHeaderBytes,
    headersTimeout: config.headersTimeoutMs,
    requestTimeout: config.requestTimeoutMs,
    // Node checks both timeouts only this often (default 30 s, which would double them).
    connectionsCheckingInterval: Math.max(250, Math.min(5000, Math.floor(config.headersTimeoutMs / 4))),
  },
});

/**
 * The Fastify side of the hardening, applied to a created (not yet initialised) application before
 * any route is registered: security headers, the JSON-only body parser, request checks.
 * Create the application with `bodyParser: false`, so Nest does not add its own parsers.
 */
export const applyHttpHardening = async (
  app: NestFastifyApplication,
  config: HardeningConfig,
  bodyLimit: number,
): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance();
  await registerSecurityHeaders(app, config);
  registerJsonBodyParser(fastify, bodyLimit, config);
  registerRequestHooks(fastify, config);
};
