import { resolve } from 'node:path';
import { ROLES } from '../auth/role-matrix';

export type EventStoreKind = 'embedded' | 'esdb';
export type ReadStoreKind = 'embedded' | 'mongodb';
export type ProjectorMode = 'inline' | 'external';

/** Everything the ledger reads from its environment, parsed once at start-up. */
export type LedgerConfig = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  adminToken?: string;
  /** Roles of the bootstrap admin principal; default admin only (it manages principals, writes no incidents). */
  adminRoles: readonly string[];
  /** JSON file of extra principals: [{ id, name, roles, tokenSha256 }]. */
  principalsFile?: string;
  eventStore: EventStoreKind;
  eventStoreConnectionString?: string;
  readStore: ReadStoreKind;
  mongodbUri?: string;
  /** inline: the API runs the projector; external: apps/projector does (production, scaled out). */
  projector: ProjectorMode;
  /** Max request body in bytes. */
  bodyLimit: number;
  logLevel: 'silent' | 'error' | 'warn' | 'log' | 'debug';
  /** PKCS#8 PEM Ed25519 key that signs checkpoints and bundles; default: <dataDir>/signing-key.pem, generated. */
  signingKeyFile?: string;
}>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const oneOf = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}; got '${value}'`);
};

const integer = (name: string, value: string | undefined, fallback: number, min: number, max: number): number => {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
    throw new ConfigError(`${name} must be an integer from ${min} to ${max}; got '${value}'`);
  }
  return parsed;
};

const roleList = (name: string, value: string | undefined): readonly string[] => {
  if (value === undefined || value.trim() === '') return ['admin'];
  const roles = [...new Set(value.split(',').map((role) => role.trim()).filter((role) => role !== ''))];
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (unknown.length > 0) throw new ConfigError(`${name}: unknown role(s) ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  return roles;
};

/** Reads and checks the configuration; throws ConfigError naming the variable at fault. */
export const loadLedgerConfig = (env: NodeJS.ProcessEnv = process.env): LedgerConfig => {
  const eventStore = oneOf<EventStoreKind>('LEDGER_EVENTSTORE', env.LEDGER_EVENTSTORE, ['embedded', 'esdb'], 'embedded');
  const readStore = oneOf<ReadStoreKind>('LEDGER_READSTORE', env.LEDGER_READSTORE, ['embedded', 'mongodb'], 'embedded');
  if (eventStore === 'esdb' && !env.EVENTSTORE_CONNECTION_STRING) {
    throw new ConfigError('LEDGER_EVENTSTORE=esdb needs EVENTSTORE_CONNECTION_STRING (e.g. esdb://localhost:2113?tls=false)');
  }
  if (readStore === 'mongodb' && !env.MONGODB_URI) {
    throw new ConfigError('LEDGER_READSTORE=mongodb needs MONGODB_URI (e.g. mongodb://localhost:27017/?replicaSet=rs0)');
  }
  if (env.LEDGER_ADMIN_TOKEN !== undefined && env.LEDGER_ADMIN_TOKEN !== '' && env.LEDGER_ADMIN_TOKEN.length < 16) {
    throw new ConfigError('LEDGER_ADMIN_TOKEN must be at least 16 characters');
  }
  return {
    port: integer('PORT', env.PORT, 3000, 0, 65535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.LEDGER_DATA_DIR || './data'),
    adminToken: env.LEDGER_ADMIN_TOKEN || undefined,
    adminRoles: roleList('LEDGER_ADMIN_ROLES', env.LEDGER_ADMIN_ROLES),
    principalsFile: env.LEDGER_PRINCIPALS_FILE || undefined,
    eventStore,
    eventStoreConnectionString: env.EVENTSTORE_CONNECTION_STRING || undefined,
    readStore,
    mongodbUri: env.MONGODB_URI || undefined,
    // Embedded: one process owns the data directory, so it projects too. MongoDB: API replicas scale
    // out, and each would run a projector racing the others, so apps/projector does it unless told.
    projector: oneOf<ProjectorMode>(
      'LEDGER_PROJECTOR',
      env.LEDGER_PROJECTOR,
      ['inline', 'external'],
      readStore === 'mongodb' ? 'external' : 'inline',
    ),
    bodyLimit: integer('LEDGER_BODY_LIMIT', env.LEDGER_BODY_LIMIT, 256 * 1024, 1024, 16 * 1024 * 1024),
    logLevel: oneOf('LEDGER_LOG_LEVEL', env.LEDGER_LOG_LEVEL, ['silent', 'error', 'warn', 'log', 'debug'], 'log'),
    signingKeyFile: env.LEDGER_SIGNING_KEY_FILE ? resolve(env.LEDGER_SIGNING_KEY_FILE) : undefined,
  };
};

export const LEDGER_CONFIG = Symbol('LEDGER_CONFIG');
