import { logIncident } from '../../../../test/support/incident-fixtures';
import { startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { MongoTestServer } from '../../../../test/support/mongo-test-server';

describe('MongoDB read store outage', () => {
  it('answers 503 with Retry-After on queries while MongoDB is down, naming nothing internal, and the process stays up', async () => {
    const mongo = await MongoTestServer.start();
    const ledger = await startLedgerTestApp({ LEDGER_READSTORE: 'mongodb', MONGODB_URI: mongo.uri, LEDGER_PROJECTOR: 'inline' });
    try {
      const id = await logIncident(ledger.client);
      expect((await ledger.client.get('/incidents?limit=5')).status).toBe(200);
      await mongo.stop();

      for (const path of ['/incidents?limit=5', `/incidents/${id}/timeline`, '/dashboard', '/read-models/rebuilds']) {
        const response = await ledger.client.get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 503 });
        expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
        expect(JSON.stringify(response.body)).not.toMatch(/127\.0\.0\.1|Mongo[A-Z]\w*Error|at .*\.js/);
      }
      // The event store is not the read store: commands still work.
      expect((await ledger.client.post(`/incidents/${id}/notes`, { text: 'during the read store outage' })).status).toBe(201);
    } finally {
      await ledger.close();
      await mongo.stop().catch(() => undefined);
    }
  }, 60_000);
});
