import { MongoClient } from 'mongodb';
import { INCIDENT_PROJECTIONS, READ_MODEL_INDEXES, versionedName } from '@ledger/projections';
import { openReadStore } from '@ledger/read-store';
import { startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { MongoTestServer } from '../../../../test/support/mongo-test-server';

describe('indexes the API serves from, on MongoDB', () => {
  let mongo: MongoTestServer;

  beforeAll(async () => {
    mongo = await MongoTestServer.start();
  });
  afterAll(() => mongo?.stop());

  it('given active collections without indexes and the projector elsewhere, when the API starts, then every query index exists', async () => {
    const uri = mongo.uri.replace('/?', '/served_indexes?');
    const store = await openReadStore({ kind: 'mongodb', uri });
    for (const projection of INCIDENT_PROJECTIONS) {
      await store.ensureCollection(versionedName(projection), []);
      await store.setActiveCollection(projection.name, versionedName(projection));
    }
    await store.close();

    const ledger = await startLedgerTestApp({ LEDGER_READSTORE: 'mongodb', MONGODB_URI: uri, LEDGER_PROJECTOR: 'external' });
    const client = await new MongoClient(uri).connect();
    try {
      for (const projection of INCIDENT_PROJECTIONS) {
        const indexes = await client.db('served_indexes').collection(versionedName(projection)).listIndexes().toArray();
        const expected = (READ_MODEL_INDEXES[projection.name] ?? []).map((index) => index.name);
        expect(expected.length).toBeGreaterThan(0);
        expect(indexes.map((index) => index.name)).toEqual(expect.arrayContaining(expected));
      }
      expect((await ledger.client.get('/read-models/status')).body).toEqual({ projector: 'external' });
    } finally {
      await client.close();
      await ledger.close();
    }
  });
});
