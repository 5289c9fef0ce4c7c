import { MongoClient } from 'mongodb';
import { MongoTestServer } from '../../../../test/support/mongo-test-server';
import type { ReadStore } from '../read-store';
import { openReadStore } from '../open-read-store';
import { rejection } from '../testing/contract-support';
import { describeReadStoreContract } from '../testing/read-store-contract';
import { toMongoFilter } from './mongo-filter';
import { MongoReadStore, type MongoReadStoreOptions } from './mongo-read-store';
import { databaseFromUri, redactMongoUri } from './mongo-uri';

/**
 * The MongoDB adapter through the real driver against MongoTestServer (an in-memory, wire-level
 * stand-in for a single-node replica set): the contract with transactions, the contract again
 * with transactions turned off (the standalone path), and what is specific to MongoDB.
 */
let server: MongoTestServer;
let databases = 0;

beforeAll(async () => {
  server = await MongoTestServer.start();
});

afterAll(async () => {
  await server?.stop();
});

const harness = (transactions: MongoReadStoreOptions['transactions']) => () => {
  const databaseOf = new WeakMap<ReadStore, string>();
  const open = async (database: string): Promise<ReadStore> => {
    const store = await MongoReadStore.connect({ uri: server.uri, database, transactions });
    databaseOf.set(store, database);
    return store;
  };
  return {
    create: () => open(`contract_${transactions}_${++databases}`),
    async reopen(store: ReadStore) {
      await store.close();
      return open(databaseOf.get(store)!);
    },
  };
};

describeReadStoreContract('MongoDB via MongoTestServer (transactions)', harness('auto'));
describeReadStoreContract('MongoDB via MongoTestServer (no transactions)', harness('never'));

describe('MongoReadStore specifics (MongoTestServer)', () => {
  let raw: MongoClient;
  const stores: ReadStore[] = [];
  const connect = async (options: Partial<MongoReadStoreOptions> = {}): Promise<MongoReadStore> => {
    const store = await MongoReadStore.connect({ uri: server.uri, database: `specifics_${++databases}`, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    raw = await new MongoClient(server.uri, { serverSelectionTimeoutMS: 5000 }).connect();
  });

  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  afterAll(async () => {
    await raw?.close();
  });

  it('detects transactions from hello, and can be told not to use them', async () => {
    expect((await connect()).capabilities.atomicCommit).toBe(true);
    expect((await connect({ transactions: 'required' })).capabilities.atomicCommit).toBe(true);
    expect((await connect({ transactions: 'never' })).capabilities.atomicCommit).toBe(false);
  });

  it('stores _id = id beside the document, checkpoints as decimal strings, pointers in _active', async () => {
    const store = await connect();
    const database = `specifics_${databases}`;
    await store.commit([{ collection: 'summary', type: 'put', document: { id: 'inc-1', status: 'open' } }], {
      name: 'summary',
      position: 2n ** 63n,
    });
    await store.setActiveCollection('incident-summary', 'summary');

    const db = raw.db(database);
    expect(await db.collection('summary').findOne({})).toEqual({ _id: 'inc-1', id: 'inc-1', status: 'open' });
    expect(await db.collection('_checkpoints').findOne({})).toEqual({ _id: 'summary', position: '9223372036854775808' });
    expect(await db.collection('_active').findOne({})).toEqual({ _id: 'incident-summary', collection: 'summary' });
    expect(await store.listCollections()).toEqual(['summary']);
  });

  it('fences a commit racing another writer of its checkpoint: the transaction conflicts, retries, sees the newer position and refuses', async () => {
    const store = await connect();
    const database = `specifics_${databases}`;
    await store.commit([], { name: 'summary', position: 10n });
    // The other writer: a transaction that has moved the checkpoint to 20 and not committed yet.
    const session = raw.startSession();
    session.startTransaction();
    await raw.db(database).collection<{ _id: string; position: string }>('_checkpoints').updateOne({ _id: 'summary' }, { $set: { position: '20' } }, { session });

    const behind = store.commit([{ collection: 'summary', type: 'put', document: { id: 'stale' } }], { name: 'summary', position: 15n });
    // Whether this commit ran into the open transaction (and retried) or starts after it, it must
    // end refused; the pause only makes the first, the race, the likely one.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await session.commitTransaction();
    await session.endSession();

    expect(await rejection(behind)).toBe('CheckpointConflictError');
    expect(await store.readCheckpoint('summary')).toBe(20n);
    expect(await store.get('summary', 'stale')).toBeUndefined();
  });

  it('creates each IndexSpec under its name, with the id tiebreaker appended unless unique', async () => {
    const store = await connect();
    await store.ensureCollection('summary', [
      { name: 'by_status_opened', keys: [{ field: 'status', direction: 'asc' }, { field: 'openedAt', direction: 'desc' }] },
      { name: 'by_number', keys: [{ field: 'number', direction: 'asc' }], unique: true },
    ]);

    const indexes = await raw.db(`specifics_${databases}`).collection('summary').listIndexes().toArray();

    expect(indexes.map((index) => [index.name, index.key, index.unique === true])).toEqual(
      expect.arrayContaining([
        ['by_status_opened', { status: 1, openedAt: -1, _id: -1 }, false],
        ['by_number', { number: 1 }, true],
      ]),
    );
  });

  it('puts every filter value under an explicit operator and escapes contains', () => {
    expect(
      toMongoFilter([
        { field: 'status', op: 'eq', value: '$gt' },
        { field: 'id', op: 'in', values: ['$where'] },
        { field: 'title', op: 'contains', value: 'a.*(b)' },
        { field: '__proto__', op: 'ne', value: null },
      ]),
    ).toEqual({
      $and: [
        { status: { $eq: '$gt' } },
        { _id: { $in: ['$where'] } },
        { title: { $regex: 'a\\.\\*\\(b\\)', $options: 'i' } },
        Object.fromEntries([['__proto__', { $ne: null }]]),
      ],
    });
  });

  it('is what openReadStore opens for LEDGER_READSTORE=mongodb', async () => {
    const store = await openReadStore({ kind: 'mongodb', uri: server.uri, database: `specifics_${++databases}` });
    stores.push(store);

    expect(store).toBeInstanceOf(MongoReadStore);
    expect(store.capabilities.atomicCommit).toBe(true);
  });

  it('fails fast on an unreachable server, naming the URI without credentials', async () => {
    const uri = 'mongodb://reader:s3cret-pa55@127.0.0.1:9/ledger?authSource=admin&tlsCertificateKeyFilePassword=hunter2';
    const started = Date.now();

    const error = await MongoReadStore.connect({ uri, startupTimeoutMs: 300 }).then(
      () => undefined,
      (e: unknown) => e as Error,
    );

    expect(error?.name).toBe('ReadStoreUnavailableError');
    expect(error?.message).toContain('mongodb://127.0.0.1:9/ledger');
    expect(error?.message).not.toMatch(/s3cret|reader|hunter2|authSource/);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('redacts URIs and reads their database', () => {
    expect(redactMongoUri('mongodb://u:p%40ss@h1:27017,h2:27018/ledger?replicaSet=rs0')).toBe('mongodb://h1:27017,h2:27018/ledger');
    expect(redactMongoUri('mongodb+srv://user:pw@cluster0.example.net/?retryWrites=true')).toBe('mongodb+srv://cluster0.example.net');
    expect(redactMongoUri('mongodb://a:b@c@host/db')).toBe('mongodb://host/db');
    expect(redactMongoUri('http://user:pw@host')).toBe('<unparseable MongoDB URI>');
    expect(databaseFromUri('mongodb://host/my%20db?x=1')).toBe('my db');
    expect(databaseFromUri('mongodb://host/?x=1')).toBeUndefined();
    expect(databaseFromUri('mongodb://host')).toBeUndefined();
  });
});
