/**
 * Whole-ledger verification speed on the embedded store: BENCH_VERIFY_EVENTS (default 1,000,000) realistic
 * events of about 1 KB (incident lifecycles with notes; 200 incidents open at a time, so streams interleave
 * in the global order; 20 events per incident), sealed into real hash chains, with a signed checkpoint
 * every 10,000 events. They are written straight into a fresh events.sqlite with better-sqlite3, 50,000 rows
 * per transaction, then one verifyLedger pass is timed: every hash recomputed, every chain and checkpoint
 * checked. Wire it into bench/run.ts as `verify: benchVerify` (BENCH_ONLY=verify).
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JsonObject, RecordedEvent } from '../libs/event-store/src/event-store';
import { SQLITE_EVENT_STORE_FILE, SqliteEventStore } from '../libs/event-store/src/sqlite/sqlite-event-store';
import { GENESIS_HASH } from '../libs/ledger/src/envelope';
import { sealEvents, type UnsealedEvent } from '../libs/ledger/src/sealing';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_FORMAT, CHECKPOINT_STREAM } from '../libs/audit/src/checkpoints/checkpoint-format';
import { signCheckpoint } from '../libs/audit/src/checkpoints/checkpoint-signature';
import { HeadMap } from '../libs/audit/src/checkpoints/head-map';
import { Ed25519Signer } from '../libs/audit/src/signing/ed25519-signer';
import { verifyLedger } from '../libs/audit/src/verification/ledger-verifier';

const EVENTS = Number(process.env.BENCH_VERIFY_EVENTS ?? 1_000_000);
const OPEN_INCIDENTS = 200;
const EVENTS_PER_INCIDENT = 20;
const ROWS_PER_TRANSACTION = 50_000;
const CHECKPOINT_EVERY = 10_000;

/** Runs the verification benchmark and returns figures keyed by name. */
export async function benchVerify(): Promise<Record<string, number>> {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-bench-verify-'));
  try {
    const generateStart = performance.now();
    const written = await generate(dir, EVENTS);
    const generateSeconds = (performance.now() - generateStart) / 1000;

    const store = await SqliteEventStore.open({ directory: dir });
    try {
      const start = performance.now();
      const cpuBefore = process.cpuUsage();
      const result = await verifyLedger(store);
      const seconds = (performance.now() - start) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuSeconds = (cpu.user + cpu.system) / 1e6;
      if (!result.ok || result.events !== written) {
        throw new Error(`bench ledger did not verify: ${JSON.stringify(result.firstBreak, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
      }
      return {
        'audit.verify.events': result.events,
        'audit.verify.streams': result.streams,
        'audit.verify.checkpoints': result.checkpoints,
        'audit.verify.seconds': round(seconds),
        'audit.verify.events_per_s': Math.round(result.events / seconds),
        // Per second of this process's CPU: less sensitive to other load on a shared machine.
        'audit.verify.events_per_cpu_s': Math.round(result.events / cpuSeconds),
        'audit.verify.generate_seconds': round(generateSeconds),
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (value: number): number => Math.round(value * 100) / 100;

/** Text of about `length` characters, different per call so no two events compress alike. */
const prose = (length: number, seed: number): string => {
  const words = ['host', 'isolated', 'beacon', 'egress', 'proxy', 'blocked', 'domain', 'memory', 'image', 'analyst', 'credential', 'rotated', 'EDR', 'alert', 'WS-042', 'firewall', 'ticket', 'escalated'];
  let text = `#${seed}`;
  for (let i = seed; text.length < length; i = (i * 31 + 7) % 9973) text += ` ${words[i % words.length]}`;
  return text;
};

/** The nth event of an incident's life: a realistic type and data of ~500 bytes (metadata adds ~500). */
const lifecycleEvent = (incidentId: string, n: number, seed: number): UnsealedEvent => {
  const event = (type: string, data: JsonObject): UnsealedEvent => ({ type, data: { incidentId, ...data }, schemaVersion: 1 });
  switch (n) {
    case 0: return event('IncidentLogged', { title: prose(60, seed), description: prose(380, seed + 1), source: 'monitoring', reporter: 'analyst1', detectedAt: '2026-11-23T08:00:00.000Z' });
    case 1: return event('IncidentCategorized', { category: 'malicious-code', subcategories: ['c2-server', 'infected-system'], taxonomyVersion: '2026-01', rationale: prose(380, seed) });
    case 2: return event('IncidentPrioritized', { impact: 1, urgency: 2, priority: 'P2', matrixVersion: '2026-01', rationale: prose(400, seed) });
    case 3: return event('IncidentAssigned', { assignee: 'alice', team: 'soc-tier2', handover: prose(400, seed) });
    case 4: return event('IncidentContained', { summary: prose(450, seed) });
    case EVENTS_PER_INCIDENT - 3: return event('IncidentEradicated', { summary: prose(450, seed) });
    case EVENTS_PER_INCIDENT - 2: return event('IncidentRecovered', { summary: prose(450, seed) });
    case EVENTS_PER_INCIDENT - 1: return event('IncidentClosed', { resolutionCode: 'true-positive-with-impact', summary: prose(420, seed) });
    default: return event('NoteAdded', { noteId: randomUUID(), text: prose(400, seed), author: 'alice' });
  }
};

type Open = { id: string; stream: string; next: number; head: { revision: bigint | undefined; hash: string } };

/** Writes `total` sealed events (checkpoints included) into a fresh store in `dir`; returns how many. */
export async function generate(dir: string, total: number): Promise<number> {
  // Opening the store once creates and migrates the schema; then write fast, durability off.
  await (await SqliteEventStore.open({ directory: dir })).close();
  const db = new Database(join(dir, SQLITE_EVENT_STORE_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare('INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const signer = Ed25519Signer.generate();
  const heads = new HeadMap();
  const changed = new Set<string>();
  const checkpoint = { sequence: 0, revision: undefined as bigint | undefined, hash: GENESIS_HASH };
  const open: Open[] = [];
  const newIncident = (): Open => {
    const id = randomUUID();
    return { id, stream: `incident-${id}`, next: 0, head: { revision: undefined, hash: GENESIS_HASH } };
  };
  const context = (i: number) => {
    const commandId = randomUUID();
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    return { actor: { id: 'principal-alice', name: 'alice' }, commandId, commandFingerprint: 'f'.repeat(64), correlationId: randomUUID(), causationId: commandId, occurredAt: at, recordedAt: at };
  };

  let written = 0;
  let seed = 1;
  const row = (event: RecordedEvent): void => {
    insert.run(event.stream, event.revision, event.eventId, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), String(event.metadata.recordedAt));
    heads.set(event.stream, event.revision, String(event.metadata.hash));
    changed.add(event.stream);
    written++;
  };
  const writeCheckpoint = (): void => {
    const data = signCheckpoint(
      {
        format: CHECKPOINT_FORMAT,
        sequence: ++checkpoint.sequence,
        position: String(written),
        eventCount: written,
        streamCount: heads.size,
        heads: heads.list(changed),
        root: heads.root(),
        previousHash: checkpoint.hash,
        signedAt: new Date().toISOString(),
        algorithm: 'Ed25519',
        keyFingerprint: signer.fingerprint,
        publicKey: signer.publicKeyPem,
      },
      signer,
    );
    changed.clear();
    const [event] = sealEvents(CHECKPOINT_STREAM, checkpoint, [{ type: CHECKPOINT_EVENT_TYPE, data: data as unknown as JsonObject, schemaVersion: 1 }], context(written));
    row(event!);
    checkpoint.revision = event!.revision;
    checkpoint.hash = String(event!.metadata.hash);
  };

  while (written < total) {
    db.transaction(() => {
      const end = Math.min(total, written + ROWS_PER_TRANSACTION);
      while (written < end) {
        if (written > 0 && written % CHECKPOINT_EVERY === 0 && written < total - 1) {
          writeCheckpoint();
          continue;
        }
        while (open.length < OPEN_INCIDENTS) open.push(newIncident());
        const slot = (seed * 7919) % open.length;
        const incident = open[slot]!;
        const [event] = sealEvents(incident.stream, incident.head, [lifecycleEvent(incident.id, incident.next, seed++)], context(written));
        row(event!);
        incident.head = { revision: event!.revision, hash: String(event!.metadata.hash) };
        if (++incident.next === EVENTS_PER_INCIDENT) open.splice(slot, 1);
      }
    })();
  }
  db.close();
  return written;
}
