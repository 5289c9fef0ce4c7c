/**
 * Event store throughput: the embedded SQLite store on a temp dir.
 * 1 writer: sequential awaited appends of 1 event (latency-bound: one fsync per append).
 * 50 writers: 50 async loops, each appending 1 event at a time to its own stream; group commit
 * should make them share transactions, visible as transactions per append well below 1.
 * Then a full forwards readAll of what the 50 writers wrote. BENCH_DURATION_MS sets each run's length.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventToAppend, ExpectedRevision } from '../libs/event-store/src/event-store';
import { SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);

type Run = { appends: number; seconds: number; transactions: number };

/** Runs the embedded event-store benchmarks and returns figures keyed by name. */
export async function benchEventStore(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-bench-'));
  try {
    const one = await measure(join(dir, 'one-writer.sqlite'), 1);
    const fifty = await measure(join(dir, 'fifty-writers.sqlite'), 50);
    const scan = await measureScan(join(dir, 'fifty-writers.sqlite'));
    return {
      'sqlite.append.1-writer.appends_per_s': Math.round(one.appends / one.seconds),
      'sqlite.append.1-writer.tx_per_append': round(one.transactions / one.appends),
      'sqlite.append.50-writers.appends_per_s': Math.round(fifty.appends / fifty.seconds),
      'sqlite.append.50-writers.tx_per_append': round(fifty.transactions / fifty.appends),
      'sqlite.append.50-writers.appends_per_tx': round(fifty.appends / fifty.transactions),
      'sqlite.readAll.events_per_s': Math.round(scan.events / scan.seconds),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function measure(file: string, writers: number): Promise<Run> {
  const store = await SqliteEventStore.open({ file });
  try {
    const before = store.commitStats;
    const start = performance.now();
    const deadline = start + DURATION_MS;
    let appends = 0;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        const stream = `incident-${randomUUID()}`;
        let expected: ExpectedRevision = 'no_stream';
        while (performance.now() < deadline) {
          const result = await store.append(stream, [sampleEvent(appends)], expected);
          expected = result.nextExpectedRevision;
          appends++;
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return { appends, seconds, transactions: store.commitStats.transactions - before.transactions };
  } finally {
    await store.close();
  }
}

/** Reads the whole file forwards in pages, as a projection rebuild would. */
async function measureScan(file: string): Promise<{ events: number; seconds: number }> {
  const store = await SqliteEventStore.open({ file });
  try {
    const start = performance.now();
    let events = 0;
    let after = 0n;
    for (;;) {
      const page = await store.readAll({ after, maxCount: 1000 });
      if (page.length === 0) break;
      events += page.length;
      after = page[page.length - 1].position;
    }
    return { events, seconds: (performance.now() - start) / 1000 };
  } finally {
    await store.close();
  }
}

/** Roughly the size and shape of a ledger event with its envelope (~600 bytes of JSON). */
function sampleEvent(n: number): EventToAppend {
  return {
    eventId: randomUUID(),
    type: 'IncidentNoteAdded',
    data: {
      incidentId: randomUUID(),
      note: `Observed lateral movement on host-${n}`,
      tags: ['edr', 'triage'],
    },
    metadata: {
      schemaVersion: 1,
      actor: { id: 'analyst-7', roles: ['responder'] },
      commandId: randomUUID(),
      correlationId: randomUUID(),
      causationId: randomUUID(),
      occurredAt: new Date().toISOString(),
      recordedAt: new Date().toISOString(),
      prevHash: 'a'.repeat(64),
      hash: 'b'.repeat(64),
    },
  };
}

const round = (value: number): number => Math.round(value * 1000) / 1000;

if (require.main === module) {
  benchEventStore().then(
    (figures) => {
      for (const [name, value] of Object.entries(figures)) console.log(`${name.padEnd(42)} ${value}`);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
