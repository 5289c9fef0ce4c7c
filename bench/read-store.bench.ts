/**
 * Read-store list queries over incident-summary documents, on each store:
 * - load: synthetic summaries shaped like the projection's (IncidentSummary), written through
 *   `commit` in batches of BENCH_READSTORE_BATCH (default 5000: with several expression indexes
 *   on random timestamps, SQLite loading is bound by the pages each commit dirties, so bigger
 *   commits load about twice as fast as 1000-document ones), into a collection indexed with the
 *   summary's READ_MODEL_INDEXES;
 * - list: what GET /incidents?status=assigned,contained&priority=P2 sends (buildListIncidentsQuery:
 *   status in [..] AND priority = P2, sort openedAt desc, limit 50, withTotal), timed over many
 *   iterations (p50/p99), then its second page (keyset cursor) and a countBy on status.
 *
 * Stores, BENCH_READSTORE_DOCS documents each (default 100,000): embedded SQLite on a temp file,
 * and MongoDB through the real adapter and driver against MongoTestServer, an in-memory
 * JavaScript stand-in that scans its documents for every query: its figures ('mongo-testserver')
 * say nothing about MongoDB's speed (BENCH_READSTORE_MONGO_DOCS overrides its document count).
 * With MONGODB_URI set, a real MongoDB is measured too ('mongodb', in a throw-away database).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import type { IncidentStatus, PriorityCode, ResolutionCode } from '../libs/domain/src';
import type { FindOptions, ReadDocument, ReadStore } from '../libs/read-store/src/read-store';
import { MongoReadStore } from '../libs/read-store/src/mongodb/mongo-read-store';
import { SqliteReadStore } from '../libs/read-store/src/sqlite/sqlite-read-store';
import { INCIDENT_SUMMARY, type IncidentSummary, READ_MODEL_INDEXES } from '../projections/src';
import { buildListIncidentsQuery } from '../apps/api/src/read-models/list-incidents/list-incidents.query';
import type { ListIncidentsQueryDto } from '../apps/api/src/read-models/list-incidents/list-incidents.query.dto';
import { MongoTestServer } from '../test/support/mongo-test-server';
import { percentile, positiveFromEnv, timeCalls } from './timing';

const DOCS = positiveFromEnv('BENCH_READSTORE_DOCS', 100_000);
const MONGO_TEST_SERVER_DOCS = positiveFromEnv('BENCH_READSTORE_MONGO_DOCS', DOCS);
const ITERATIONS = positiveFromEnv('BENCH_READSTORE_ITERATIONS', 300);
const BATCH = positiveFromEnv('BENCH_READSTORE_BATCH', 5000);
const COLLECTION = 'incident_summary_v1';
const INDEXES = READ_MODEL_INDEXES[INCIDENT_SUMMARY];
const NOW = new Date(Date.UTC(2026, 0, 1));

// Only the fields the request sets: buildListIncidentsQuery reads nothing else.
const REQUEST: Pick<ListIncidentsQueryDto, 'status' | 'priority'> = { status: ['assigned', 'contained'], priority: ['P2'] };
const LIST: FindOptions = buildListIncidentsQuery(REQUEST as ListIncidentsQueryDto, NOW);

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
      const documents: ReadDocument[] = Array.from({ length: Math.min(BATCH, count - start) }, (_, i) => incidentSummary(start + i, random));
      await store.commit(
        documents.map((document) => ({ collection: COLLECTION, type: 'put' as const, document })),
        { name: COLLECTION, position: BigInt(start + documents.length) },
      );
    }
    const loadSeconds = (performance.now() - loadStart) / 1000;

    const first = await store.find(COLLECTION, LIST);
    if (first.nextCursor === null) throw new Error(`${label}: the list query has no second page`);
    const second = { ...LIST, cursor: first.nextCursor };
    const list = await timeCalls(iterations, () => store.find(COLLECTION, LIST));
    const page2 = await timeCalls(iterations, () => store.find(COLLECTION, second));
    const countBy = await timeCalls(Math.max(10, Math.floor(iterations / 5)), () => store.countBy(COLLECTION, 'status'));
    const key = `readstore.${label}`;
    return {
      [`${key}.docs`]: count,
      [`${key}.load.batch_docs`]: Math.min(BATCH, count),
      [`${key}.load.seconds`]: Math.round(loadSeconds * 100) / 100,
      [`${key}.load.docs_per_s`]: Math.round(count / loadSeconds),
      [`${key}.list.matches`]: first.total ?? 0,
      [`${key}.list.p50_ms`]: percentile(list, 50),
      [`${key}.list.p99_ms`]: percentile(list, 99),
      [`${key}.list.page2.p50_ms`]: percentile(page2, 50),
      [`${key}.list.page2.p99_ms`]: percentile(page2, 99),
      [`${key}.countBy.status.p50_ms`]: percentile(countBy, 50),
      [`${key}.countBy.status.p99_ms`]: percentile(countBy, 99),
    };
  } finally {
    await store.close();
  }
}

// Distributions roughly like a year of a mid-size CSIRT: most incidents closed, few P1.
const STATUSES = weighted<IncidentStatus>({ logged: 8, triaged: 7, assigned: 15, contained: 8, eradicated: 4, recovered: 5, closed: 45, reviewed: 6, rejected: 2 });
const PRIORITIES = weighted<PriorityCode>({ P1: 3, P2: 12, P3: 35, P4: 35, P5: 15 });
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
const SOURCES = weighted({ monitoring: 45, 'user-report': 35, 'third-party': 10, 'threat-intel': 8, other: 2 } as const);
const RESOLUTIONS = weighted<ResolutionCode>({ 'true-positive-with-impact': 30, 'true-positive-without-impact': 35, 'false-positive': 20, benign: 8, duplicate: 5, indeterminate: 2 });
const ORDER: readonly IncidentStatus[] = ['logged', 'triaged', 'assigned', 'contained', 'eradicated', 'recovered', 'closed', 'reviewed'];
const CLOSED = new Set<IncidentStatus>(['closed', 'reviewed', 'rejected']);
const NEVER_BREACHED = '9999-12-31T23:59:59.999Z';
const HOUR = 3_600_000;
const WORDS = ['phishing', 'ransomware', 'VPN', 'brute-force', 'exfiltration', 'DDoS', 'malware', 'credential', 'payroll', 'server', 'laptop', 'mailbox', 'firewall', 'scan', 'invoice', 'C2 beacon'];

/** A summary as the projection stores it: every field of IncidentSummary, plausible values. */
function incidentSummary(i: number, random: () => number): IncidentSummary {
  const status = STATUSES(random());
  const priority = PRIORITIES(random());
  const category = CATEGORIES(random());
  const opened = Date.UTC(2024, 0, 1) + Math.floor(random() * 2 * 365 * 86_400_000);
  const at = (ms: number): string => new Date(ms).toISOString();
  const openedAt = at(opened);
  // Each status reached so far, a few hours apart; rejected incidents skip the middle.
  const reached = status === 'rejected' ? ['logged', 'triaged', 'rejected'] : ORDER.slice(0, ORDER.indexOf(status) + 1);
  const phases = Object.fromEntries(ORDER.concat('rejected').map((s) => [s, null])) as Record<IncidentStatus, IncidentSummary['phases'][IncidentStatus]>;
  let last = opened;
  for (const s of reached) {
    last += s === 'logged' ? 0 : Math.floor(random() * 48 * HOUR);
    phases[s as IncidentStatus] = { firstReachedAt: at(last), lastReachedAt: at(last), count: 1 };
  }
  const closedAt = CLOSED.has(status) ? at(last) : null;
  const lastEventAt = at(last);
  const responseDue = opened + 4 * HOUR;
  const resolutionDue = opened + 5 * 24 * HOUR;
  const responseStopped = reached.length > 2 ? at(opened + Math.floor(random() * 8 * HOUR)) : null;
  const responseBreached = responseStopped !== null ? Date.parse(responseStopped) > responseDue : responseDue < NOW.getTime();
  const resolutionBreached = closedAt !== null ? last > resolutionDue : resolutionDue < NOW.getTime();
  // A few busy analysts take most incidents (skewed), a long tail of reporters.
  const assignee = reached.includes('assigned') ? `analyst-${Math.floor(40 * random() ** 2)}` : null;
  const word = (): string => WORDS[Math.floor(random() * WORDS.length)];
  const id = `inc-${String(i).padStart(7, '0')}`;
  const level = (): 1 | 2 | 3 => (1 + Math.floor(random() * 3)) as 1 | 2 | 3;
  return {
    status,
    title: `${word()} ${word()} on ${word()} #${i}`,
    reporter: `user-${Math.floor(random() * 500)}`,
    category,
    subcategories: [`${category}:${Math.floor(random() * 4)}`],
    priority,
    impact: level(),
    urgency: level(),
    assignee,
    team: assignee === null ? null : `team-${Math.floor(random() * 6)}`,
    resolutionCode: closedAt === null ? null : status === 'rejected' ? 'false-positive' : RESOLUTIONS(random()),
    reopenCount: random() < 0.05 ? 1 : 0,
    id,
    incidentId: id,
    stream: `incident-${id}`,
    description: `Reported ${word()} activity involving ${word()} and ${word()}; see attached evidence. `.repeat(2),
    source: SOURCES(random()),
    incidentOccurredAt: random() < 0.7 ? at(opened - Math.floor(random() * 24 * HOUR)) : null,
    detectedAt: random() < 0.5 ? at(opened - Math.floor(random() * 2 * HOUR)) : null,
    taxonomyVersion: '2023.1',
    matrixVersion: '2026.1',
    openedAt,
    loggedAt: openedAt,
    phases,
    lastReopenedAt: null,
    closedAt,
    rejectionReason: status === 'rejected' ? 'not a security incident' : null,
    noteCount: Math.floor(random() * 8),
    evidenceCount: Math.floor(random() * 4),
    sla: {
      policyVersion: '2026.1',
      responseDueAt: at(responseDue),
      resolutionDueAt: at(resolutionDue),
      responseStoppedAt: responseStopped,
      resolutionStoppedAt: closedAt,
      responseBreached,
      resolutionBreached,
      breachAt: responseBreached ? at(responseDue) : resolutionBreached ? at(resolutionDue) : NEVER_BREACHED,
      evaluatedAt: lastEventAt,
      clocks: {
        response: [{ startedAt: openedAt, stoppedAt: responseStopped, priority }],
        resolution: [{ startedAt: openedAt, stoppedAt: closedAt, priority }],
      },
    },
    lastEventType: status === 'logged' ? 'IncidentLogged' : closedAt !== null ? 'IncidentClosed' : 'IncidentAssigned',
    lastEventAt,
    lastRecordedAt: lastEventAt,
    lastRevision: String(reached.length + Math.floor(random() * 6)),
    lastPosition: String(i * 7),
    lastEventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  };
}

function weighted<T extends string>(weights: Readonly<Record<T, number>>): (r: number) => T {
  const entries = Object.entries(weights) as [T, number][];
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
