import { ConfigError } from '../config/ledger-config';

/** The HTTP hardening limits, read from the environment once at start-up (see docs/hardening.md). */
export type HardeningConfig = Readonly<{
  /** Requests per minute per principal (per IP when unauthenticated); 0 turns rate limiting off. */
  rateLimitPerMinute: number;
  /** Fastify `trustProxy`: false, true, a hop count or a list of trusted proxy addresses/CIDRs. */
  trustProxy: boolean | number | string;
  /** Time allowed to receive a whole request (headers and body), in ms; 408 after it. */
  requestTimeoutMs: number;
  /** Time allowed to receive the request headers, in ms (slowloris). */
  headersTimeoutMs: number;
  /** Idle socket timeout, in ms. */
  connectionTimeoutMs: number;
  /** Max bytes of the request line and headers together (Node answers 431 beyond). */
  maxHeaderBytes: number;
  /** Max length of the URL (path and query); 414 beyond. */
  maxUrlLength: number;
  /** Max nesting of objects and arrays in a JSON body. */
  maxJsonDepth: number;
  /** Max elements of any array in a JSON body or query. */
  maxArrayLength: number;
  /** Max members of any object in a JSON body, and max query parameters. */
  maxObjectKeys: number;
  /** Strict-Transport-Security max-age in seconds; 0 sends no HSTS header. */
  hstsMaxAgeSeconds: number;
}>;

export const DEFAULT_HARDENING: HardeningConfig = {
  rateLimitPerMinute: 1200,
  trustProxy: false,
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  connectionTimeoutMs: 120_000,
  maxHeaderBytes: 16 * 1024,
  maxUrlLength: 4096,
  maxJsonDepth: 20,
  maxArrayLength: 1000,
  maxObjectKeys: 200,
  hstsMaxAgeSeconds: 31_536_000,
};

const integer = (env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got '${value}'`);
  }
  return parsed;
};

const trustProxy = (value: string | undefined): HardeningConfig['trustProxy'] => {
  if (value === undefined || value === '' || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  // Addresses or CIDRs, comma-separated: checked by Fastify (proxy-addr) at start-up.
  return value;
};

/** Reads the hardening limits; throws ConfigError naming the variable at fault. */
export const loadHardeningConfig = (env: NodeJS.ProcessEnv = process.env): HardeningConfig => {
  const d = DEFAULT_HARDENING;
  const requestTimeoutMs = integer(env, 'LEDGER_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, 1000, 3_600_000);
  return {
    rateLimitPerMinute: integer(env, 'LEDGER_RATE_LIMIT', d.rateLimitPerMinute, 0, 1_000_000_000),
    trustProxy: trustProxy(env.LEDGER_TRUST_PROXY),
    requestTimeoutMs,
    // Node requires headersTimeout <= requestTimeout.
    headersTimeoutMs: Math.min(integer(env, 'LEDGER_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, 1000, 3_600_000), requestTimeoutMs),
    connectionTimeoutMs: integer(env, 'LEDGER_CONNECTION_TIMEOUT_MS', d.connectionTimeoutMs, 0, 3_600_000),
    maxHeaderBytes: integer(env, 'LEDGER_MAX_HEADER_BYTES', d.maxHeaderBytes, 4096, 1024 * 1024),
    maxUrlLength: integer(env, 'LEDGER_MAX_URL_LENGTH', d.maxUrlLength, 256, 65_536),
    maxJsonDepth: integer(env, 'LEDGER_MAX_JSON_DEPTH', d.maxJsonDepth, 2, 1000),
    maxArrayLength: integer(env, 'LEDGER_MAX_ARRAY_LENGTH', d.maxArrayLength, 1, 1_000_000),
    maxObjectKeys: integer(env, 'LEDGER_MAX_OBJECT_KEYS', d.maxObjectKeys, 1, 1_000_000),
    hstsMaxAgeSeconds: integer(env, 'LEDGER_HSTS_MAX_AGE', d.hstsMaxAgeSeconds, 0, 2 * 31_536_000),
  };
};
