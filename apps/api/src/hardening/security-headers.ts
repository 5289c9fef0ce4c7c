import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { HardeningConfig } from './hardening-config';

/** Where SwaggerModule serves the API docs (see app.factory). */
export const DOCS_PATH = '/docs';

export const isDocsUrl = (url: string): boolean =>
  url === DOCS_PATH || url.startsWith(`${DOCS_PATH}/`) || url.startsWith(`${DOCS_PATH}?`);

/** The API answers JSON only: nothing may load, frame or submit anything from it. */
export const API_CSP = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The Swagger UI loads its own scripts and styles from /docs and has inline styles; it fetches the
 * spec from the same origin. No inline scripts, no third-party origins, no upgrade-insecure-requests
 * (which would break the docs on a plain-HTTP localhost).
 */
export const DOCS_CSP = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
};

/**
 * Security headers on every answer (errors and 404s included) via @fastify/helmet, with the strict
 * API policy everywhere but under /docs. Must run before the docs routes are registered.
 */
export const registerSecurityHeaders = async (app: NestFastifyApplication, config: HardeningConfig): Promise<void> => {
  const fastify = app.getHttpAdapter().getInstance();
  // Routes under /docs get the relaxed policy through helmet's per-route configuration.
  fastify.addHook('onRoute', (route) => {
    if (!isDocsUrl(route.url ?? '')) return;
    route.config = { ...(route.config ?? {}), helmet: { contentSecurityPolicy: { useDefaults: false, directives: DOCS_CSP } } };
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    strictTransportSecurity:
      config.hstsMaxAgeSeconds > 0 ? { maxAge: config.hstsMaxAgeSeconds, includeSubDomains: true } : false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
};
