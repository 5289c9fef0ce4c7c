/**
 * Commands per second over HTTP: the built API in its own process on the embedded store, driven by
 * autocannon with 50 connections. Each request adds a note to one of 50 incidents, so commands on the
 * same incident contend (serialized per incident) while different incidents proceed in parallel.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { ensureBuilt, startLedgerProcess, waitForExit } from '../test/support/ledger-process';
import { LedgerHttpClient } from '../test/support/ledger-http-client';
import { newIncidentBody } from '../test/support/incident-fixtures';

const TOKEN = 'bench-admin-token-0123456789abcdef';
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
const CONNECTIONS = 50;

export async function benchHttp(): Promise<Record<string, number>> {
  ensureBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-bench-http-'));
  const server = await startLedgerProcess({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_ADMIN_TOKEN: TOKEN,
    LEDGER_LOG_LEVEL: 'error',
    // Measure the ledger, not the rate limiter.
    LEDGER_RATE_LIMIT: '0',
  });
  try {
    const client = new LedgerHttpClient(server.url, TOKEN);
    const ids: string[] = [];
    for (let i = 0; i < CONNECTIONS; i++) ids.push((await client.post('/incidents', newIncidentBody(`bench ${i}`))).body.id);
    let n = 0;
    const result = await autocannon({
      url: server.url,
      connections: CONNECTIONS,
      duration: DURATION_S,
      requests: [
        {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
          setupRequest: (request) => {
            const i = n++;
            return { ...request, path: `/incidents/${ids[i % ids.length]}/notes`, body: JSON.stringify({ text: `note ${i}` }) };
          },
        },
      ],
    });
    return {
      'http.commands.50-connections.per_s': Math.round(result.requests.average),
      'http.commands.50-connections.p50_ms': result.latency.p50,
      'http.commands.50-connections.p99_ms': result.latency.p99,
      'http.commands.50-connections.non_2xx': result.non2xx + result.errors,
    };
  } finally {
    server.child.kill('SIGTERM');
    await waitForExit(server.child);
    await rm(dataDir, { recursive: true, force: true });
  }
}
