import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519Signer, verifyLedger } from '@ledger/audit';
import { SqliteEventStore } from '@ledger/event-store';
import { advance, logIncident } from '../../../../../test/support/incident-fixtures';
import { LedgerHttpClient } from '../../../../../test/support/ledger-http-client';
import { ensureBuilt, startLedgerProcess, waitForExit } from '../../../../../test/support/ledger-process';
import { startLedgerTestApp } from '../../../../../test/support/ledger-test-app';

describe('GET /verification and GET /incidents/:id/verification', () => {
  it('verify the ledger and one incident, keep the key across restarts, and refuse bad requests', async () => {
    const first = await startLedgerTestApp();
    const dataDir = first.dataDir;
    try {
      const id = await logIncident(first.client);
      await advance(first.client, id, 4);

      const whole = await first.client.get('/verification');
      expect(whole.status).toBe(200);
      expect(whole.body).toMatchObject({ ok: true, incidents: 1, firstBreak: null, breaks: [], headPosition: expect.stringMatching(/^\d+$/) });
      const key = Ed25519Signer.fromPem(readFileSync(join(dataDir, 'signing-key.pem'), 'utf8'));
      expect(whole.body.signingKeyFingerprint).toBe(key.fingerprint);

      const one = await first.client.get(`/incidents/${id}/verification`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ ok: true, exists: true, incidentId: id, events: 5, head: { revision: '4' } });

      expect((await first.client.get('/incidents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/verification')).status).toBe(404);
      expect((await first.client.get('/incidents/not-a-uuid/verification')).status).toBe(400);
      expect((await first.client.get('/verification', { token: null })).status).toBe(401);
      await first.app.close();

      // Restarted on the same data: same key; the shutdown checkpoint covers the incident's every event.
      const second = await startLedgerTestApp({ LEDGER_DATA_DIR: dataDir });
      try {
        const again = await second.client.get('/verification');
        expect(again.body).toMatchObject({ ok: true, signingKeyFingerprint: key.fingerprint, latestCheckpointSignedByThisServer: true });
        const covered = await second.client.get(`/incidents/${id}/verification`);
        expect(covered.body).toMatchObject({ ok: true, coverage: { revision: '4', keyFingerprint: key.fingerprint }, eventsAfterCoverage: 0 });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('the checkpoint at shutdown, in a real process', () => {
  const token = 'verification-test-token-0123456789';
  let dataDir: string;
  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-sigterm-'));
  }, 180_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('covers every acknowledged event when the API is stopped with SIGTERM', async () => {
    const api = await startLedgerProcess({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_TOKEN: token });
    const client = new LedgerHttpClient(api.url, token);
    const ids = await Promise.all([0, 1, 2].map((i) => logIncident(client, `sigterm ${i}`)));
    await Promise.all(ids.map((id) => advance(client, id, 3)));
    api.child.kill('SIGTERM');
    await waitForExit(api.child);

    const store = await SqliteEventStore.open({ directory: dataDir });
    try {
      const result = await verifyLedger(store);
      expect(result).toMatchObject({ ok: true, incidents: 3, eventsAfterLatestCheckpoint: 0 });
      expect(result.latestCheckpoint?.position).toBe(result.headPosition - 1n);
    } finally {
      await store.close();
    }
  }, 60_000);
});
