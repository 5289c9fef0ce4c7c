import { createServer } from 'node:net';
import { logIncident } from '../../../../test/support/incident-fixtures';
import { ensureBuilt, startLedgerProcess } from '../../../../test/support/ledger-process';
import { LEDGER_TARGETS } from '../../../../test/support/ledger-targets';

const esdbTarget = LEDGER_TARGETS.find((target) => target.name.startsWith('EventStoreDB'))!;

/** A port nothing listens on: bound, then released. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('EventStoreDB outages', () => {
  it('answers 503 with Retry-After while the server is down, and recovers by itself when it returns', async () => {
    const ledger = await esdbTarget.start();
    try {
      const id = await logIncident(ledger.client);
      await ledger.esdb!.stop();

      const during = await ledger.client.post(`/incidents/${id}/notes`, { text: 'during the outage' });
      expect(during.status).toBe(503);
      expect(during.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(JSON.stringify(during.body)).not.toMatch(/grpc|UNAVAILABLE|14 |at .*\.js/);
      expect((await ledger.client.get('/health')).status).toBe(503);

      await ledger.esdb!.restart();
      let after = during;
      for (let attempt = 0; attempt < 50 && after.status !== 201; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        after = await ledger.client.post(`/incidents/${id}/notes`, { text: 'after the outage' });
      }
      expect(after.status).toBe(201);
      const history = await ledger.client.get(`/incidents/${id}/events`);
      expect(history.body.events.map((e: any) => e.data.text).filter(Boolean)).toEqual(['after the outage']);
    } finally {
      await ledger.close();
    }
  }, 60_000);

  it('fails fast at start-up when the server is unreachable, naming the connection string without credentials', async () => {
    ensureBuilt();
    const port = await closedPort();
    const started = Date.now();
    const failure = await startLedgerProcess(
      {
        LEDGER_EVENTSTORE: 'esdb',
        EVENTSTORE_CONNECTION_STRING: `esdb://ledger:s3cret-password@127.0.0.1:${port}?tls=false`,
      },
      30_000,
    ).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(failure).toBeDefined();
    expect(failure).toMatch(/exited early \(1\)/);
    expect(failure).toContain(`127.0.0.1:${port}`);
    expect(failure).toMatch(/ledger: failed to start: Cannot use EventStoreDB/);
    expect(failure).not.toContain('s3cret-password');
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 120_000);
});
