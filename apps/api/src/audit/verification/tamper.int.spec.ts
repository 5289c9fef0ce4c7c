import { EventStoreDBClient } from '@eventstore/db-client';
import Database from 'better-sqlite3';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKPOINT_STREAM, type LedgerVerification, verifyIncident, verifyLedger } from '@ledger/audit';
import { connectEsdbEventStore, incidentStream, SQLITE_EVENT_STORE_FILE, SqliteEventStore } from '@ledger/event-store';
import { advance, logIncident } from '../../../../../test/support/incident-fixtures';
import { EsdbTestServer } from '../../../../../test/support/esdb-test-server';
import { startLedgerTestApp } from '../../../../../test/support/ledger-test-app';

type Row = { position: number; stream: string; revision: number; event_id: string; type: string; data: string; metadata: string };

/**
 * A ledger built through the real API (three incidents at different points of their lifecycle, notes),
 * closed cleanly so the shutdown checkpoint covers it all; then its SQLite file is edited directly, the
 * way someone with file access could, with the append-only triggers dropped.
 */
describe('tamper evidence: the verifier finds every edit made to the file behind the API', () => {
  let template: string;
  const ids: string[] = [];
  const dirs: string[] = [];

  beforeAll(async () => {
    const ledger = await startLedgerTestApp();
    template = ledger.dataDir;
    ids.push(await logIncident(ledger.client, 'Ransomware note on FS-01'));
    ids.push(await logIncident(ledger.client, 'Credential stuffing against the VPN'));
    ids.push(await logIncident(ledger.client, 'Lost laptop'));
    await advance(ledger.client, ids[0]!, 8);
    await advance(ledger.client, ids[1]!, 6);
    await advance(ledger.client, ids[2]!, 3);
    for (const id of ids) await ledger.client.post(`/incidents/${id}/notes`, { text: `note on ${id}` });
    // Not ledger.close(): that would delete the data directory.
    await ledger.app.close();
  }, 60_000);
  afterAll(() => {
    for (const dir of [template, ...dirs]) rmSync(dir, { recursive: true, force: true });
  });

  /** Copies the pristine ledger, applies `edit` to its file, and verifies the copy. */
  const verifyAfter = async (edit: (db: Database.Database) => void): Promise<LedgerVerification> => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-tampered-'));
    dirs.push(dir);
    cpSync(template, dir, { recursive: true });
    const db = new Database(join(dir, SQLITE_EVENT_STORE_FILE));
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
    edit(db);
    db.close();
    const store = await SqliteEventStore.open({ directory: dir });
    try {
      return await verifyLedger(store);
    } finally {
      await store.close();
    }
  };
  const rows = (db: Database.Database, stream: string): Row[] =>
    db.prepare('SELECT * FROM events WHERE stream = ? ORDER BY revision').all(stream) as Row[];
  const hashOf = (row: Row): string => (JSON.parse(row.metadata) as { hash: string }).hash;

  it('verifies the untouched ledger, covered by the shutdown checkpoint', async () => {
    const result = await verifyAfter(() => undefined);
    expect(result).toMatchObject({ ok: true, incidents: 3, eventsAfterLatestCheckpoint: 0, firstBreak: null });
    expect(result.checkpoints).toBeGreaterThanOrEqual(1);
    expect(result.events).toBe(3 + 8 + 6 + 3 + 3 + result.checkpoints);
    expect(result.latestCheckpoint?.position).toBe(result.headPosition - 1n);
  });

  it('(1) an edited field of one event: hash-mismatch at that event', async () => {
    let target!: Row;
    const result = await verifyAfter((db) => {
      target = rows(db, incidentStream(ids[0]!)).find((row) => row.type === 'IncidentAssigned')!;
      const data = JSON.parse(target.data) as Record<string, unknown>;
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...data, assignee: 'mallory' }), target.position);
    });
    expect(result.firstBreak).toMatchObject({
      kind: 'hash-mismatch',
      incidentId: ids[0],
      stream: incidentStream(ids[0]!),
      revision: BigInt(target.revision),
      position: BigInt(target.position),
      found: hashOf(target),
    });
    expect(result.firstBreak?.expected).not.toBe(hashOf(target));
  });

  it('(2) an event deleted in the middle of a stream: revision-gap at the missing revision', async () => {
    let next!: Row;
    const result = await verifyAfter((db) => {
      const stream = rows(db, incidentStream(ids[1]!));
      next = stream[4]!;
      db.prepare('DELETE FROM events WHERE position = ?').run(stream[3]!.position);
    });
    expect(result.firstBreak).toMatchObject({ kind: 'revision-gap', incidentId: ids[1], revision: 3n, position: BigInt(next.position), expected: '3', found: '4' });
  });

  it("(3) two events' contents swapped: the first one no longer links to its predecessor", async () => {
    let first!: Row;
    const result = await verifyAfter((db) => {
      const stream = rows(db, incidentStream(ids[0]!));
      first = stream[2]!;
      const second = stream[5]!;
      const swap = db.prepare('UPDATE events SET event_id = ?, type = ?, data = ?, metadata = ? WHERE position = ?');
      db.transaction(() => {
        swap.run(`${first.event_id}-moving`, first.type, first.data, first.metadata, first.position);
        swap.run(first.event_id, first.type, first.data, first.metadata, second.position);
        swap.run(second.event_id, second.type, second.data, second.metadata, first.position);
      })();
    });
    expect(result.firstBreak).toMatchObject({ kind: 'prev-hash-mismatch', incidentId: ids[0], revision: 2n, position: BigInt(first.position) });
  });

  it("(4) a stream's tail cut off: stream-truncated, from the first missing revision", async () => {
    let kept!: Row;
    let signed!: Row;
    const result = await verifyAfter((db) => {
      const stream = rows(db, incidentStream(ids[2]!));
      [kept, signed] = [stream.at(-3)!, stream.at(-1)!];
      db.prepare('DELETE FROM events WHERE stream = ? AND revision > ?').run(incidentStream(ids[2]!), kept.revision);
    });
    expect(result.firstBreak).toMatchObject({
      kind: 'stream-truncated',
      incidentId: ids[2],
      revision: BigInt(kept.revision + 1),
      expected: `${signed.revision} ${hashOf(signed)}`,
      found: `${kept.revision} ${hashOf(kept)}`,
      checkpoint: { sequence: expect.any(Number) },
    });
  });

  it('(5) a whole stream dropped: stream-missing', async () => {
    const result = await verifyAfter((db) => db.prepare('DELETE FROM events WHERE stream = ?').run(incidentStream(ids[1]!)));
    expect(result.firstBreak).toMatchObject({ kind: 'stream-missing', incidentId: ids[1], revision: 0n, found: '(no events)' });
  });

  it('(6) an edited checkpoint: its signature no longer verifies', async () => {
    let edited!: Row;
    const result = await verifyAfter((db) => {
      edited = rows(db, CHECKPOINT_STREAM).at(-1)!;
      const data = JSON.parse(edited.data) as { eventCount: number };
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...data, eventCount: data.eventCount - 1 }), edited.position);
    });
    expect(result.firstBreak).toMatchObject({
      kind: 'checkpoint-signature-invalid',
      stream: CHECKPOINT_STREAM,
      revision: BigInt(edited.revision),
      position: BigInt(edited.position),
    });
  });

  it('answers GET /verification with 200 and ok: false for a tampered ledger', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-tampered-'));
    dirs.push(dir);
    cpSync(template, dir, { recursive: true });
    const db = new Database(join(dir, SQLITE_EVENT_STORE_FILE));
    db.exec('DROP TRIGGER events_no_delete;');
    db.prepare('DELETE FROM events WHERE stream = ?').run(incidentStream(ids[2]!));
    db.close();
    const ledger = await startLedgerTestApp({ LEDGER_DATA_DIR: dir });
    try {
      const whole = await ledger.client.get('/verification');
      expect(whole.status).toBe(200);
      expect(whole.body).toMatchObject({ ok: false, firstBreak: { kind: 'stream-missing', incidentId: ids[2], revision: '0' } });
      const one = await ledger.client.get(`/incidents/${ids[2]}/verification`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ ok: false, exists: true, firstBreak: { kind: 'stream-missing' } });
      expect((await ledger.client.get(`/incidents/${ids[0]}/verification`)).body).toMatchObject({ ok: true, coverage: { revision: '9' } });
    } finally {
      await ledger.close();
    }
  }, 30_000);
});

describe('the same verifier over EventStoreDB (gRPC test server)', () => {
  it('verifies a ledger written through the API, and finds a soft-deleted incident missing', async () => {
    const esdb = await EsdbTestServer.start();
    try {
      const ledger = await startLedgerTestApp({ LEDGER_EVENTSTORE: 'esdb', EVENTSTORE_CONNECTION_STRING: esdb.connectionString });
      const ids = [await logIncident(ledger.client), await logIncident(ledger.client)];
      await advance(ledger.client, ids[0]!, 5);
      await ledger.close();

      const store = await connectEsdbEventStore({ connectionString: esdb.connectionString });
      try {
        const result = await verifyLedger(store);
        expect(result).toMatchObject({ ok: true, incidents: 2, eventsAfterLatestCheckpoint: 0 });
        expect(result.checkpoints).toBeGreaterThanOrEqual(1);
        // Positions are $all commit positions here: far apart, and still strictly increasing.
        expect(result.headPosition).toBeGreaterThan(BigInt(result.events));
        expect(await verifyIncident(store, ids[0]!)).toMatchObject({ ok: true, events: 6, coverage: { revision: 5n } });

        // An administrator soft-deletes an incident: stream reads now say "not found", while $all keeps
        // its events until a scavenge. The per-incident check holds the stream to its signed head.
        const admin = EventStoreDBClient.connectionString(esdb.connectionString);
        await admin.deleteStream(incidentStream(ids[1]!));
        await admin.dispose();
        expect(await verifyIncident(store, ids[1]!)).toMatchObject({ ok: false, firstBreak: { kind: 'stream-missing', incidentId: ids[1] } });
      } finally {
        await store.close();
      }
    } finally {
      await esdb.stop();
    }
  }, 60_000);
});
