import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyStreamChain } from '@ledger/ledger';
import { newIncidentBody } from '../support/incident-fixtures';
import { LedgerHttpClient } from '../support/ledger-http-client';
import { ensureBuilt, startLedgerProcess, waitForExit } from '../support/ledger-process';
import { toRecorded } from '../support/recorded-events';

const TOKEN = 'crash-test-admin-token-0123456789';

type Ack = Readonly<{ id: string; revision: string; position: string }>;

describe('durability: SIGKILL right after 2xx answers loses nothing acknowledged', () => {
  let dataDir: string;
  beforeAll(() => {
    ensureBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-crash-'));
  }, 120_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('finds every acknowledged event after a restart on the same data directory', async () => {
    const env = { LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_TOKEN: TOKEN };
    const first = await startLedgerProcess(env);
    const client = new LedgerHttpClient(first.url, TOKEN);

    const ids = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const created = await client.post('/incidents', newIncidentBody(`crash ${i}`));
      return created.body.id as string;
    }));

    // 20 writers keep notes flowing; the process is killed as soon as 300 have been acknowledged,
    // while other requests are still in flight.
    const acks: Ack[] = [];
    let killed = false;
    const writer = async (w: number): Promise<void> => {
      for (let n = 0; !killed; n++) {
        try {
          const response = await client.post(`/incidents/${ids[w % ids.length]}/notes`, { text: `w${w} n${n}` });
          if (response.status === 201) acks.push(response.body as Ack);
          if (acks.length >= 300 && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch {
          return; // connection refused or reset: the process is gone
        }
      }
    };
    await Promise.all(Array.from({ length: 20 }, (_, w) => writer(w)));
    await waitForExit(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    expect(acks.length).toBeGreaterThanOrEqual(300);

    const second = await startLedgerProcess(env);
    try {
      const after = new LedgerHttpClient(second.url, TOKEN);
      for (const id of ids) {
        const history = await after.get(`/incidents/${id}/events`);
        expect(history.status).toBe(200);
        const stored = new Set(history.body.events.map((e: any) => `${e.revision}@${e.position}`));
        for (const ack of acks.filter((a) => a.id === id)) {
          expect(stored.has(`${ack.revision}@${ack.position}`)).toBe(true);
        }
        expect(verifyStreamChain(`incident-${id}`, toRecorded(history.body.events)).ok).toBe(true);
      }
      // And the ledger carries on where it stopped.
      const next = await after.post(`/incidents/${ids[0]}/notes`, { text: 'after restart' });
      expect(next.status).toBe(201);
    } finally {
      second.child.kill('SIGTERM');
      await waitForExit(second.child);
    }
  }, 120_000);
});
