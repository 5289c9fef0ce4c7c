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

  it('given active collections without indexes and the projector elsewhere, when the API starts, then every query index exists on its version', async () => {
    const uri = mongo.uri.replace('/?', '/served_indexes?');
    const store = await openReadStore({ kind: 'mongodb', uri });
    const [summary, ...ours] = INCIDENT_PROJECTIONS;
    for (const projection of ours) {
      await store.ensureCollection(versionedName(projection), []);
      await store.setActiveCollection(projection.name, versionedName(projection));
    }
    // The summary is served from a newer release's version (a rolling deploy): that release indexes it.
    await store.ensureCollection('incident_summary_v2', []);
    await store.setActiveCollection(summary!.name, 'incident_summary_v2');
    await store.close();

    const ledger = await startLedgerTestApp({ LEDGER_READSTORE: 'mongodb', MONGODB_URI: uri, LEDGER_PROJECTOR: 'external' });
    const client = await new MongoClient(uri).connect();
    const indexNames = async (collection: string) =>
      (await client.db('served_indexes').collection(collection).listIndexes().toArray()).map((index) => index.name);
    try {
      for (const projection of ours) {
        const expected = (READ_MODEL_INDEXES[projection.name] ?? []).map((index) => index.name);
        expect(expected.length).toBeGreaterThan(0);
        expect(await indexNames(versionedName(projection))).toEqual(expect.arrayContaining(expected));
      }
      expect(await indexNames('incident_summary_v2')).toEqual(['_id_']);
      expect((await ledger.client.get('/read-models/status')).body).toEqual({ projector: 'external' });
    } finally {
      await client.close();
      await ledger.close();
    }
  });
});
