import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LedgerHttpClient } from '../../../../test/support/ledger-http-client';
import { createLedgerApp } from '../app.factory';
import { loadLedgerConfig } from '../config/ledger-config';
import { createPrincipal } from './testing/principal-fixtures';

const ADMIN_TOKEN = 'restart-admin-token-0123456789';

/** An API instance over a given data directory, which close() leaves in place. */
const startOver = async (dataDir: string): Promise<{ app: NestFastifyApplication; client: LedgerHttpClient }> => {
  const config = loadLedgerConfig({ LEDGER_DATA_DIR: dataDir, LEDGER_ADMIN_TOKEN: ADMIN_TOKEN, LEDGER_LOG_LEVEL: 'error' });
  const app = await createLedgerApp(config);
  await app.listen(0, '127.0.0.1');
  return { app, client: new LedgerHttpClient((await app.getUrl()).replace('[::1]', '127.0.0.1'), ADMIN_TOKEN) };
};

/** Polls until `probe` answers `status` (the other instance re-reads the stream within about a second). */
const eventually = async (probe: () => Promise<{ status: number }>, status: number): Promise<number> => {
  let last = 0;
  for (let attempt = 0; attempt < 60; attempt++) {
    last = (await probe()).status;
    if (last === status) return last;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return last;
};

describe('principals across restarts and instances', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-principals-restart-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('rebuilds principals, roles, revocations and disablement from the stream after a restart', async () => {
    const first = await startOver(dataDir);
    const alice = await createPrincipal(first.client, 'alice', ['reporter']);
    const bob = await createPrincipal(first.client, 'bob', ['analyst']);
    await first.client.post(`/principals/${alice.id}/roles`, { roles: ['handler'] });
    const spare = await first.client.post(`/principals/${alice.id}/tokens`, {});
    await first.client.post(`/principals/${alice.id}/tokens/${alice.tokenId}/revoke`, {});
    await first.client.post(`/principals/${bob.id}/disable`, {});
    await first.app.close();

    const second = await startOver(dataDir);
    try {
      const me = await second.client.as(spare.body.token).get('/principals/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: alice.id, roles: ['handler'] });
      expect((await second.client.as(alice.token).get('/principals/me')).status).toBe(401);
      expect((await second.client.as(bob.token).get('/principals/me')).status).toBe(401);
      expect((await second.client.post('/principals', { name: 'alice', roles: ['reporter'] })).status).toBe(409);
    } finally {
      await second.app.close();
    }
  });

  it("picks up another instance's changes over the same store without a restart", async () => {
    const a = await startOver(dataDir);
    const b = await startOver(dataDir);
    try {
      const carol = await createPrincipal(a.client, 'carol', ['auditor']);
      expect(await eventually(() => b.client.as(carol.token).get('/principals/me'), 200)).toBe(200);
      await a.client.post(`/principals/${carol.id}/disable`, {});
      expect(await eventually(() => b.client.as(carol.token).get('/principals/me'), 401)).toBe(401);
      // Decisions on b see a's events: the name stays taken there too.
      expect((await b.client.post('/principals', { name: 'carol', roles: ['reporter'] })).status).toBe(409);
    } finally {
      await b.app.close();
      await a.app.close();
    }
  });
});
