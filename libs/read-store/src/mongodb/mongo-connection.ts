import { type Db, MongoClient } from 'mongodb';
import { ReadStoreUnavailableError } from '../rules/read-store-errors';
import { databaseFromUri, redactMongoUri } from './mongo-uri';

export type MongoReadStoreOptions = Readonly<{
  /** mongodb:// or mongodb+srv:// connection string. Use a replica set for atomic commits. */
  uri: string;
  /** Database name. Default: the one in the URI, else 'ledger'. */
  database?: string;
  /** How long start-up waits for a server before failing (server selection and connect). Default 5000. */
  startupTimeoutMs?: number;
  /**
   * Whether commits use multi-document transactions. 'auto' (default) uses them when the
   * deployment supports them (replica set or sharded cluster); 'never' forces writes-then-checkpoint;
   * 'required' fails at start-up without them.
   */
  transactions?: 'auto' | 'never' | 'required';
}>;

export type MongoConnection = Readonly<{ client: MongoClient; db: Db; atomicCommit: boolean; redactedUri: string }>;

/**
 * Connects and asks the server what it is (hello): transactions need a replica set (setName) or a
 * mongos (msg 'isdbgrid') with sessions. Fails within `startupTimeoutMs` with
 * ReadStoreUnavailableError naming the URI without credentials.
 */
export async function openMongoConnection(options: MongoReadStoreOptions): Promise<MongoConnection> {
  const redactedUri = redactMongoUri(options.uri);
  const timeout = options.startupTimeoutMs ?? 5000;
  if (!Number.isInteger(timeout) || timeout <= 0) throw new RangeError('startupTimeoutMs must be a positive integer');
  let client: MongoClient | undefined;
  try {
    client = new MongoClient(options.uri, {
      serverSelectionTimeoutMS: timeout,
      connectTimeoutMS: timeout,
      // Same as JSON (and the SQLite store): properties holding undefined are left out.
      ignoreUndefined: true,
      appName: 'incident-ledger-read-store',
    });
    await client.connect();
    const hello = await client.db('admin').command({ hello: 1 });
    const supported = (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') && hello.logicalSessionTimeoutMinutes != null;
    const mode = options.transactions ?? 'auto';
    if (mode === 'required' && !supported) {
      throw new Error('transactions are required but the server is neither a replica set nor a sharded cluster');
    }
    const db = client.db(options.database ?? databaseFromUri(options.uri) ?? 'ledger');
    return { client, db, atomicCommit: supported && mode !== 'never', redactedUri };
  } catch (error) {
    await client?.close().catch(() => undefined);
    const reason = scrub(error instanceof Error ? error.message : String(error), options.uri);
    throw new ReadStoreUnavailableError(`Cannot use MongoDB at ${redactedUri}: ${reason}`);
  }
}

/** Removes the URI's user name and password from a driver message, should one ever echo them. */
function scrub(message: string, uri: string): string {
  const userinfo = /^mongodb(?:\+srv)?:\/\/([^@/]*)@/i.exec(uri)?.[1];
  if (!userinfo) return message;
  let scrubbed = message;
  for (const secret of [userinfo, ...userinfo.split(':')]) {
    if (secret.length < 3) continue;
    for (const form of new Set([secret, safeDecode(secret)])) scrubbed = scrubbed.split(form).join('***');
  }
  return scrubbed;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
