/**
 * Read-store list queries: incident-summary-like documents loaded through `commit` (batches of
 * BENCH_READSTORE_BATCH, default 5000: with several expression indexes on random timestamps, SQLite
 * loading is bound by the pages each commit dirties, so bigger commits load about twice as fast as
 * 1000-document ones), then the analysts' list query timed over many iterations:
 *   status in [assigned, contained] AND priority = P2, sort openedAt desc, limit 50, withTotal
 * plus its second page (keyset cursor) and a countBy on status.
 *
 * Stores: embedded SQLite on a temp file (BENCH_READSTORE_DOCS, default 100,000), and MongoDB
 * through MongoTestServer. The test server is an in-memory JavaScript stand-in whose updates scan
 * the whole collection, so it gets far fewer documents (BENCH_READSTORE_MONGO_DOCS, default 2,000)
 * and its figures say nothing about MongoDB's speed; they are keyed 'mongo-testserver'. With
 * MONGODB_URI set, a real MongoDB is measured too ('mongodb', BENCH_READSTORE_DOCS documents, in a
 * throw-away database).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { FindOptions, IndexSpec, ReadDocument, ReadStore } from '../libs/read-store/src/read-store';
import { MongoReadStore } from '../libs/read-store/src/mongodb/mongo-read-store';
import { SqliteReadStore } from '../libs/read-store/src/sqlite/sqlite-read-store';
import { MongoTestServer } from '../test/support/mongo-test-server';

const DOCS = positive('BENCH_READSTORE_DOCS', 100_000);
const MONGO_TEST_SERVER_DOCS = positive('BENCH_READSTORE_MONGO_DOCS', Math.min(DOCS, 2_000));
const ITERATIONS = positive('BENCH_READSTORE_ITERATIONS', 300);
const BATCH = positive('BENCH_READSTORE_BATCH', 5000);
const COLLECTION = 'incident_summary_v1';

const INDEXES: IndexSpec[] = [
  {
    name: 'by_priority_status_opened',
    keys: [
      { field: 'priority', direction: 'asc' },
      { field: 'status', direction: 'asc' },
      { field: 'openedAt', direction: 'desc' },
    ],
  },
  { name: 'by_status_opened', keys: [{ field: 'status', direction: 'asc' }, { field: 'openedAt', direction: 'desc' }] },
  { name: 'by_opened', keys: [{ field: 'openedAt', direction: 'desc' }] },
];

const LIST: FindOptions = {
  filter: [
    { field: 'status', op: 'in', values: ['assigned', 'contained'] },
    { field: 'priority', op: 'eq', value: 'P2' },
  ],
  sort: [{ field: 'openedAt', direction: 'desc' }],
  limit: 50,
  withTotal: true,
};

/** Runs the read-store benchmarks and returns figures keyed by name. */
export async function benchReadStore(): Promise<Record<string, number>> {
  const figures: Record<string, number> = {};
  const dir = await mkdtemp(join(tmpdir(), 'ledger-bench-readstore-'));
  try {
    const sqlite = await SqliteReadStore.open({ directory: dir });
    Object.assign(figures, await measure('sqlite', sqlite, DOCS, ITERATIONS));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const server = await MongoTestServer.start();
  try {
    console.log('note: readstore.mongo-testserver.* ran on MongoTestServer, an in-memory JS stand-in: not MongoDB figures');
    const store = await MongoReadStore.connect({ uri: server.uri, database: 'bench' });
    Object.assign(figures, await measure('mongo-testserver', store, MONGO_TEST_SERVER_DOCS, Math.min(ITERATIONS, 100)));
  } finally {
    await server.stop();
  }

  const uri = process.env.MONGODB_URI;
  if (uri) {
    const database = `ledger_bench_${process.pid}_${Date.now()}`;
    try {
      Object.assign(figures, await measure('mongodb', await MongoReadStore.connect({ uri, database }), DOCS, ITERATIONS));
    } finally {
      const client = await new MongoClient(uri).connect();
      await client.db(database).dropDatabase();
      await client.close();
    }
  }
  return figures;
}

async function measure(label: string, store: ReadStore, count: number, iterations: number): Promise<Record<string, number>> {
  try {
    await store.ensureCollection(COLLECTION, INDEXES);
    const random = mulberry32(42);
    const loadStart = performance.now();
    for (let start = 0; start < count; start += BATCH) {
      const documents = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => incidentSummary(start + i, random));
      await store.commit(
        documents.map((document) => ({ collection: COLLECTION, type: 'put' as const, document })),
        { name: COLLECTION, position: BigInt(start + documents.length) },
      );
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const first = await store.find(COLLECTION, LIST);
    const second = { ...LIST, cursor: first.nextCursor ?? undefined };
    const list = await time(iterations, () => store.find(COLLECTION, LIST));
    const page2 = await time(iterations, () => store.find(COLLECTION, second));
    const countBy = await time(Math.max(10, Math.floor(iterations / 5)), () => store.countBy(COLLECTION, 'status'));
    const key = `readstore.${label}`;
    return {
      [`${key}.docs`]: count,
      [`${key}.load.batch_docs`]: Math.min(BATCH, count),
      [`${key}.load.docs_per_s`]: Math.round(count / loadSeconds),
      [`${key}.list.matches`]: first.total ?? 0,
      [`${key}.list.p50_ms`]: percentile(list, 50),
      [`${key}.list.p99_ms`]: percentile(list, 99),
      [`${key}.list.page2.p50_ms`]: percentile(page2, 50),
      [`${key}.countBy.status.p50_ms`]: percentile(countBy, 50),
    };
  } finally {
    await store.close();
  }
}

/** Milliseconds per call, after a few warm-up calls. */
async function time(iterations: number, run: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 5; i++) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return samples;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return Math.round(value * 1000) / 1000;
}

// Distributions roughly like a year of a mid-size CSIRT: most incidents closed, few P1.
const STATUSES = weighted({ logged: 8, triaged: 7, assigned: 15, contained: 8, eradicated: 4, recovered: 5, closed: 45, reviewed: 6, rejected: 2 });
const PRIORITIES = weighted({ P1: 3, P2: 12, P3: 35, P4: 35, P5: 15 });
const CATEGORIES = weighted({
  'malicious-code': 22,
  'information-gathering': 18,
  'intrusion-attempts': 15,
  fraud: 12,
  'abusive-content': 10,
  intrusions: 8,
  availability: 6,
  vulnerable: 5,
  'information-content-security': 3,
  other: 1,
});
const CLOSED = new Set(['closed', 'reviewed', 'rejected']);
const WORDS = ['phishing', 'ransomware', 'VPN', 'brute-force', 'exfiltration', 'DDoS', 'malware', 'credential', 'payroll', 'server', 'laptop', 'mailbox', 'firewall', 'scan', 'invoice', 'C2 beacon'];

function incidentSummary(i: number, random: () => number): ReadDocument {
  const status = STATUSES(random());
  const priority = PRIORITIES(random());
  const category = CATEGORIES(random());
  const opened = Date.UTC(2024, 0, 1) + Math.floor(random() * 2 * 365 * 86_400_000);
  const closedAt = CLOSED.has(status) ? new Date(opened + Math.floor(random() * 30 * 86_400_000)).toISOString() : null;
  const openedAt = new Date(opened).toISOString();
  // A few busy analysts take most incidents (skewed), a long tail of reporters.
  const assignee = status === 'logged' || status === 'triaged' ? null : `analyst-${Math.floor(40 * random() ** 2)}`;
  const word = (): string => WORDS[Math.floor(random() * WORDS.length)];
  const id = `inc-${String(i).padStart(7, '0')}`;
  return {
    id,
    incidentId: id,
    stream: `incident-${id}`,
    status,
    title: `${word()} ${word()} on ${word()} #${i}`,
    description: `Reported ${word()} activity involving ${word()} and ${word()}; see attached evidence. `.repeat(2),
    source: random() < 0.6 ? 'email' : 'siem',
    reporter: `user-${Math.floor(random() * 500)}`,
    category,
    subcategories: [`${category}:${Math.floor(random() * 4)}`],
    priority,
    impact: ['low', 'medium', 'high'][Math.floor(random() * 3)],
    urgency: ['low', 'medium', 'high'][Math.floor(random() * 3)],
    assignee,
    team: assignee === null ? null : `team-${Math.floor(random() * 6)}`,
    openedAt,
    loggedAt: openedAt,
    closedAt,
    reopenCount: random() < 0.05 ? 1 : 0,
    noteCount: Math.floor(random() * 8),
    sla: { responseBreached: random() < 0.1, resolutionBreached: random() < 0.15, evaluatedAt: closedAt ?? openedAt },
    lastEventAt: closedAt ?? openedAt,
    lastRevision: String(Math.floor(random() * 12)),
    lastPosition: String(i * 7),
  };
}

function weighted(weights: Record<string, number>): (r: number) => string {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  return (r) => {
    let left = r * total;
    for (const [value, w] of entries) {
      left -= w;
      if (left < 0) return value;
    }
    return entries[entries.length - 1][0];
  };
}

/** Small deterministic PRNG, so runs load the same data. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function positive(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer`);
  return parsed;
}
