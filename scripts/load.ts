/**
 * `npm run load`: 60 s of mixed traffic against the built API in its own process (embedded stores, a
 * fresh data directory, the rate limit set out of reach), then proof that nothing went wrong:
 * no 5xx, no acknowledged event lost or duplicated, every chain and the audit verifier pass, the read
 * models equal a rebuild, and memory stayed flat. Exits 1 on any failure.
 *
 * LOAD_SECONDS (60), LOAD_CLIENTS (50), LOAD_MAX_HEAP_KB_PER_EVENT (4), LOAD_MAX_HEAP_SLOPE_MB_PER_MIN (2, with
 * LOAD_QUERIES_ONLY), LOAD_MAX_RSS_SLOPE_MB_PER_MIN (30, when the heap is not reported), LOAD_QUERIES_ONLY=1 (each client
 * logs one incident, then only queries: memory growth then cannot come from appended events),
 * LOAD_KEEP_DATA=1 keeps the data directory. Timings are noisy on shared machines: never assert them.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { openReadStore } from '@ledger/read-store';
import { newIncidentBody } from '../test/support/incident-fixtures';
import { LedgerHttpClient } from '../test/support/ledger-http-client';
import { ALL_ROLES } from '../test/support/ledger-test-app';
import { ensureBuilt, startLedgerProcess, waitForExit } from '../test/support/ledger-process';
import { type Ack, type QueryRoutes, runLoad } from './load/clients';
import { MemorySampler } from './load/memory';
import { percentile } from './load/stats';
import { verifyEvents } from './load/verify-events';
import { compareWithRebuild, type ServedReadModels } from './load/verify-read-models';

const TOKEN = 'load-admin-token-0123456789abcdef';
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.LOAD_CLIENTS ?? 50);
/** Growth of the RSS floor over the second half still called flat, when the heap is not reported. */
const MAX_RSS_SLOPE = Number(process.env.LOAD_MAX_RSS_SLOPE_MB_PER_MIN ?? 30);
/**
 * Growth of the heap retained after a full GC over the second half still called flat: per event appended
 * meanwhile (the incident repository legitimately keeps up to 10 000 incident histories in memory), or per
 * minute when no event is appended (LOAD_QUERIES_ONLY).
 */
const MAX_HEAP_PER_EVENT_KB = Number(process.env.LOAD_MAX_HEAP_KB_PER_EVENT ?? 4);
const MAX_HEAP_SLOPE = Number(process.env.LOAD_MAX_HEAP_SLOPE_MB_PER_MIN ?? 2);
const QUERIES_ONLY = process.env.LOAD_QUERIES_ONLY === '1';
const HOT_INCIDENTS = 5;
const TIMELINE_SAMPLE = 100;

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const signed = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;
const line = (text: string): void => void process.stdout.write(`${text}\n`);

/** A GET that survives a kept-alive connection the server closed meanwhile (retried, it is idempotent). */
const get = async (client: LedgerHttpClient, path: string): Promise<{ status: number; body: any }> => {
  for (let attempt = 1; ; attempt++) {
    try {
      return await client.get(path);
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
};

/** Waits until the read models include `position` (read-your-writes), for up to a minute. */
const awaitProjector = async (client: LedgerHttpClient, position: bigint): Promise<boolean> => {
  for (let tries = 0; tries < 30; tries++) {
    if ((await get(client, `/incidents?limit=1&minPosition=${position}`)).status === 200) return true;
  }
  return false;
};

/** Every GET /incidents page and a sample of timelines, as the API serves them. */
const readServed = async (client: LedgerHttpClient, routes: QueryRoutes): Promise<ServedReadModels> => {
  const items: Record<string, unknown>[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: Record<string, unknown>[]; nextCursor: string | null } } = await get(
      client,
      `/incidents?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  const timelines = new Map<string, Record<string, unknown>[]>();
  if (routes.timeline) {
    const step = Math.max(1, Math.floor(items.length / TIMELINE_SAMPLE));
    for (let i = 0; i < items.length; i += step) {
      const id = String(items[i]!.id);
      timelines.set(id, (await get(client, `/incidents/${id}/timeline?limit=1000`)).body.items);
    }
  }
  return { items, timelines };
};

async function main(): Promise<void> {
  ensureBuilt();
  const dataDir = await mkdtemp(join(tmpdir(), 'ledger-load-'));
  const rebuildDir = await mkdtemp(join(tmpdir(), 'ledger-load-rebuild-'));
  const failures: string[] = [];
  const server = await startLedgerProcess({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_ADMIN_TOKEN: TOKEN,
    // One principal that may do everything the mix does (the admin role alone manages principals only).
    LEDGER_ADMIN_ROLES: ALL_ROLES,
    LEDGER_LOG_LEVEL: 'warn',
    LEDGER_RATE_LIMIT: '1000000000',
    // Reports the heap retained after a full GC every 5 s (see load/gc-probe.ts).
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${join(__dirname, 'load', 'gc-probe.js')}`.trim(),
  });
  try {
    const client = new LedgerHttpClient(server.url, TOKEN);
    const paths = ((await client.get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> }).paths;
    const routes: QueryRoutes = {
      list: Boolean(paths['/incidents']?.get),
      timeline: Boolean(paths['/incidents/{id}/timeline']?.get),
      dashboard: Boolean(paths['/dashboard']?.get),
    };
    line(`ledger load${QUERIES_ONLY ? ' (queries only)' : ''} — node ${process.version}, ${CLIENTS} clients for ${SECONDS} s against ${server.url} (pid ${server.child.pid}), data in ${dataDir}`);
    line(`  query routes: GET /incidents/:id, /events${routes.list ? ', /incidents' : ''}${routes.timeline ? ', /timeline' : ''}${routes.dashboard ? ', /dashboard' : ''}`);

    const setupAcks: Ack[] = [];
    const hot: string[] = [];
    for (let i = 0; i < HOT_INCIDENTS; i++) {
      const { body } = await client.post('/incidents', newIncidentBody(`Hot incident ${i}`));
      hot.push(body.id);
      setupAcks.push({ incidentId: body.id, revision: BigInt(body.revision), position: BigInt(body.position), action: 'log', at: Date.now() });
    }

    const sampler = new MemorySampler(server.child.pid!);
    const load = await runLoad({ url: server.url, token: TOKEN, clients: CLIENTS, durationMs: SECONDS * 1000, routes, hotIncidents: hot, queriesOnly: QUERIES_ONLY });
    const memory = await sampler.stop(server.output());
    const acks = [...setupAcks, ...load.acks];

    const commands = load.commandMs.length;
    const queries = load.queryMs.length;
    line(`  commands: ${commands} (${Math.round(commands / load.seconds)}/s), p50 ${ms(percentile(load.commandMs, 50))}, p99 ${ms(percentile(load.commandMs, 99))}`);
    line(`  queries:  ${queries} (${Math.round(queries / load.seconds)}/s), p50 ${ms(percentile(load.queryMs, 50))}, p99 ${ms(percentile(load.queryMs, 99))}`);
    line(`  statuses: ${load.statuses}`);
    line(`  by kind:  ${load.kinds}; incidents abandoned after a refused step: ${load.abandoned}`);
    line(`  network errors: ${load.networkErrors}`);
    for (const sample of load.samples.slice(0, 5)) line(`    e.g. ${sample}`);
    const fiveXx = load.statuses.keys().filter((status) => Number(status) >= 500);
    if (fiveXx.length > 0) failures.push(`5xx answers: ${fiveXx.map((status) => `${status} × ${load.statuses.get(status)}`).join(', ')}`);
    if (load.networkErrors.keys().length > 0) failures.push(`network errors: ${load.networkErrors}`);
    const rssGrowing = memory.secondHalfSlopeMbPerMin > MAX_RSS_SLOPE;
    line(
      `  memory (RSS, ${memory.samples} samples): start ${memory.startMb.toFixed(0)} MB, peak ${memory.peakMb.toFixed(0)} MB, ` +
        `end ${memory.endMb.toFixed(0)} MB; floor over the second half ${signed(memory.secondHalfSlopeMbPerMin)} MB/min`,
    );
    line(`  RSS every 10 s (MB): ${memory.series.join(' ')}`);
    const heap = memory.heapAfterGc;
    if (heap) {
      const appended = acks.filter((ack) => ack.at >= heap.secondHalfFrom).length;
      const perEventKb = appended > 0 ? (heap.secondHalfGrowthMb * 1024) / appended : undefined;
      const heapGrowing = perEventKb === undefined ? heap.secondHalfSlopeMbPerMin > MAX_HEAP_SLOPE : perEventKb > MAX_HEAP_PER_EVENT_KB;
      const verdict = perEventKb === undefined ? `over ${MAX_HEAP_SLOPE} MB/min` : `over ${MAX_HEAP_PER_EVENT_KB} kB per event`;
      line(
        `  heap after a full GC (${heap.collections} samples, every 5 s): ${heap.firstMb.toFixed(0)} → ${heap.lastMb.toFixed(0)} MB; ` +
          `second half ${signed(heap.secondHalfSlopeMbPerMin)} MB/min` +
          (perEventKb === undefined ? '' : `, ${signed(perEventKb)} kB per event appended (${appended})`) +
          ` (${heapGrowing ? `GROWING, ${verdict}` : 'flat'})`,
      );
      if (heapGrowing) failures.push(`the heap retained after GC grew steadily (${verdict})`);
      else if (rssGrowing) line(`  note: RSS rose by more than the retained heap: the rest is memory V8 and malloc keep for reuse, not a leak`);
    } else {
      line(`  heap after GC: not reported by the server; judging by RSS (${rssGrowing ? `GROWING, over ${MAX_RSS_SLOPE}` : 'flat'})`);
      if (rssGrowing) failures.push(`RSS grew steadily: ${memory.secondHalfSlopeMbPerMin.toFixed(1)} MB/min over the second half`);
    }

    let served: ServedReadModels | undefined;
    if (routes.list) {
      const head = acks.reduce((max, ack) => (ack.position > max ? ack.position : max), 0n);
      if (await awaitProjector(client, head)) served = await readServed(client, routes);
      else failures.push(`the read models did not reach position ${head} within a minute`);
    }

    server.child.kill('SIGTERM');
    await waitForExit(server.child);
    line(`  server stopped (${server.child.exitCode ?? server.child.signalCode})`);

    const store = await SqliteEventStore.open({ directory: dataDir });
    try {
      const events = await verifyEvents(store, acks);
      line(
        `  events: ${events.events} stored, ${events.incidentStreams} incident streams, ${events.acks} acknowledged commands; ` +
          `lost ${events.lost.length}, duplicate acks ${events.duplicateAcks.length}, duplicate event ids ${events.duplicateEventIds.length}, ` +
          `unacknowledged ${events.unacknowledged.length}, broken chains ${events.brokenChains.length}`,
      );
      line(`  audit verifier: ${events.audit.ok ? 'ok' : 'FAILED'} (${events.audit.summary})`);
      for (const [label, list] of [
        ['lost', events.lost],
        ['duplicate acks', events.duplicateAcks],
        ['duplicate event ids', events.duplicateEventIds],
        ['unacknowledged events', events.unacknowledged],
        ['broken chains', events.brokenChains],
      ] as const) {
        if (list.length > 0) failures.push(`${label}: ${list.length} (e.g. ${list.slice(0, 3).join('; ')})`);
      }
      if (!events.audit.ok) failures.push(`audit verifier: ${events.audit.summary}`);

      if (!routes.list) {
        line('  read models: skipped (the API has no GET /incidents)');
      } else {
        const live = await openReadStore({ kind: 'embedded', directory: dataDir });
        const fresh = await openReadStore({ kind: 'embedded', directory: rebuildDir });
        try {
          const comparison = await compareWithRebuild(store, live, fresh, served);
          for (const collection of comparison.collections) {
            line(`  read model ${collection.projection}: ${collection.live} live, ${collection.rebuilt} rebuilt, ${collection.differing.length} differ`);
            if (collection.differing.length > 0 || collection.live !== collection.rebuilt) {
              failures.push(`${collection.projection} differs from a rebuild (e.g. ${collection.differing.slice(0, 3).join(', ')})`);
            }
          }
          line(`  served vs rebuild: ${served?.items.length ?? 0} listed incidents, ${served?.timelines.size ?? 0} timelines; ${comparison.served.length} differ`);
          if (comparison.served.length > 0) failures.push(`served read models differ from a rebuild: ${comparison.served.slice(0, 3).join(', ')}`);
        } finally {
          await live.close();
          await fresh.close();
        }
      }
    } finally {
      await store.close();
    }
  } finally {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await waitForExit(server.child);
    }
    if (process.env.LOAD_KEEP_DATA !== '1') await rm(dataDir, { recursive: true, force: true });
    await rm(rebuildDir, { recursive: true, force: true });
  }
  for (const failure of failures) line(`  ✗ ${failure}`);
  line(failures.length === 0 ? 'RESULT: PASS' : `RESULT: FAIL (${failures.length})`);
  process.exitCode = failures.length === 0 ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
