import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JsonObject, SqliteEventStore } from '@ledger/event-store';
import { CHECKPOINT_STREAM, type CheckpointBody } from '../checkpoints/checkpoint-format';
import { signCheckpoint } from '../checkpoints/checkpoint-signature';
import { CheckpointWriter } from '../checkpoints/checkpoint-writer';
import { Ed25519Signer } from '../signing/ed25519-signer';
import { verifyIncident } from './incident-verifier';
import { verifyLedger } from './ledger-verifier';
import { appendNotes, openForTampering, streamRows } from './testing/ledger-fixture';
import type { VerificationProgress } from './verification-result';

describe('verifyLedger and verifyIncident over the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  const signer = Ed25519Signer.generate();
  let a: string;
  let b: string;

  /** Two incidents, a checkpoint between their events, one at the end. */
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-verify-'));
    store = await SqliteEventStore.open({ directory: dir });
    const writer = new CheckpointWriter({ store, signer });
    a = await appendNotes(store, 4);
    b = await appendNotes(store, 2);
    await writer.checkpointNow();
    await appendNotes(store, 3, b);
    await appendNotes(store, 1, a);
    await writer.stop();
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Reopens the store after editing its file directly. */
  const tamper = async (edit: (db: ReturnType<typeof openForTampering>) => void): Promise<void> => {
    await store.close();
    const db = openForTampering(dir);
    edit(db);
    db.close();
    store = await SqliteEventStore.open({ directory: dir });
  };

  it('verifies a clean ledger, with counts and progress', async () => {
    const progress: VerificationProgress[] = [];
    const result = await verifyLedger(store, { pageSize: 3, onProgress: (p) => progress.push(p) });
    expect(result).toMatchObject({
      ok: true,
      events: 12,
      streams: 3,
      incidents: 2,
      checkpoints: 2,
      eventsAfterLatestCheckpoint: 0,
      firstBreak: null,
      keyFingerprints: [signer.fingerprint],
      latestCheckpoint: { sequence: 2, position: 11n, eventPosition: 12n, eventCount: 11 },
    });
    expect(progress.at(-1)).toEqual({ events: 12, position: 12n, headPosition: 12n });
    expect(await verifyIncident(store, a)).toMatchObject({ ok: true, exists: true, events: 5, coverage: { revision: 4n, checkpoint: { sequence: 2 } }, eventsAfterCoverage: 0 });
    expect(await verifyIncident(store, '3f2504e0-4f89-41d3-9a0c-0305e82c3301')).toMatchObject({ ok: true, exists: false });
  });

  it('finds an event moved later in the global order, as a revision gap in its stream', async () => {
    // Move b's revision 1 (signed by checkpoint 1 at position 6) to after it: the chains alone still hold.
    await tamper((db) => {
      const [, second] = streamRows(db, `incident-${b}`);
      db.prepare('UPDATE events SET position = 100 WHERE position = ?').run(second!.position);
    });
    const result = await verifyLedger(store);
    expect(result.firstBreak).toMatchObject({ kind: 'revision-gap', incidentId: b, revision: 1n, position: 8n, expected: '1', found: '2' });
  });

  it("finds a stream's last event moved past the checkpoint that signed it", async () => {
    await tamper((db) => {
      const last = streamRows(db, `incident-${b}`).at(-1)!;
      db.prepare('UPDATE events SET position = 100 WHERE position = ?').run(last.position);
    });
    expect((await verifyLedger(store)).firstBreak).toMatchObject({
      kind: 'checkpoint-head-mismatch',
      incidentId: b,
      revision: 4n,
      position: 100n,
      checkpoint: { sequence: 2, position: 11n },
    });
  });

  it('finds a stream rewritten with recomputed hashes: the chain holds, the signed head does not', async () => {
    // Replace a's whole stream with a fresh, internally consistent one of the same length.
    await tamper((db) => db.prepare('DELETE FROM events WHERE stream = ?').run(`incident-${a}`));
    await appendNotes(store, 5, a);
    const result = await verifyLedger(store);
    expect(result.ok).toBe(false);
    expect(result.firstBreak).toMatchObject({ kind: 'checkpoint-head-mismatch', incidentId: a, revision: 0n });
  });

  it('refuses a checkpoint re-signed with another key, and a key nobody announced', async () => {
    const forger = Ed25519Signer.generate();
    await tamper((db) => {
      const [, second] = streamRows(db, CHECKPOINT_STREAM);
      const data = JSON.parse(second!.data) as JsonObject;
      const { signature: _s, ...body } = data;
      const forged = signCheckpoint({ ...(body as unknown as CheckpointBody), keyFingerprint: forger.fingerprint, publicKey: forger.publicKeyPem }, forger);
      db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify(forged), second!.position);
    });
    const result = await verifyLedger(store, { maxBreaks: 5 });
    expect(result.breaks.map((found) => found.kind)).toEqual(['checkpoint-key-mismatch', 'hash-mismatch']);
    expect(result.firstBreak).toMatchObject({ stream: CHECKPOINT_STREAM, revision: 1n, checkpoint: { sequence: 2 } });
  });

  it('detects the cut-off tail of the checkpoint stream only with an anchor held outside', async () => {
    const [, latest] = await store.readStream(CHECKPOINT_STREAM);
    const anchor = { sequence: 2, hash: String(latest!.metadata.hash) };
    await tamper((db) => db.prepare('DELETE FROM events WHERE position = ?').run(Number(latest!.position)));
    expect((await verifyLedger(store)).ok).toBe(true);
    expect((await verifyLedger(store, { anchor })).firstBreak).toMatchObject({ kind: 'anchor-mismatch', found: '(absent)' });
    expect((await verifyLedger(store)).eventsAfterLatestCheckpoint).toBe(4);
  });

  it('reports foreign and unreadable rows, and collects several breaks when asked', async () => {
    await tamper((db) => {
      db.prepare("INSERT INTO events (stream, revision, event_id, type, data, metadata, recorded_at) VALUES ('other-app', 0, 'x', 'T', '{}', '{}', '')").run();
      const [first] = streamRows(db, `incident-${a}`);
      db.prepare("UPDATE events SET data = '{\"text\":\"edited\"}' WHERE position = ?").run(first!.position);
    });
    const result = await verifyLedger(store, { maxBreaks: 10 });
    expect(result.breaks.map((found) => [found.kind, found.stream])).toEqual([
      ['hash-mismatch', `incident-${a}`],
      ['foreign-stream', 'other-app'],
    ]);
    await tamper((db) => db.prepare("UPDATE events SET data = '{not json' WHERE stream = 'other-app'").run());
    expect((await verifyLedger(store, { maxBreaks: 10 })).breaks).toEqual([
      expect.objectContaining({ kind: 'hash-mismatch', incidentId: a }),
      expect.objectContaining({ kind: 'unreadable-event', position: 12n }),
    ]);
  });

  it('verifyIncident compares the stream with the newest checkpoint that lists it', async () => {
    await tamper((db) => {
      const rows = streamRows(db, `incident-${b}`);
      db.prepare('DELETE FROM events WHERE position = ?').run(rows.at(-1)!.position);
    });
    expect(await verifyIncident(store, b)).toMatchObject({
      ok: false,
      firstBreak: { kind: 'stream-truncated', incidentId: b, revision: 4n, checkpoint: { sequence: 2 } },
    });
    expect((await verifyIncident(store, a)).ok).toBe(true);
  });
});
