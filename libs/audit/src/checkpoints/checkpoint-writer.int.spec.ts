import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type JsonObject, SqliteEventStore } from '@ledger/event-store';
import { GENESIS_HASH } from '@ledger/ledger';
import { Ed25519Signer } from '../signing/ed25519-signer';
import { appendNotes, openForTampering, streamRows } from '../verification/testing/ledger-fixture';
import { verifyLedger } from '../verification/ledger-verifier';
import { CHECKPOINT_STREAM, type CheckpointData } from './checkpoint-format';
import { checkCheckpointSignature } from './checkpoint-signature';
import { CheckpointRefusedError } from './checkpoint-state';
import { CheckpointWriter } from './checkpoint-writer';
import { computeLedgerRoot } from './head-map';

describe('CheckpointWriter', () => {
  let dir: string;
  let store: SqliteEventStore;
  const signer = Ed25519Signer.generate();
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-checkpoints-'));
    store = await SqliteEventStore.open({ directory: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const checkpoints = async (): Promise<CheckpointData[]> =>
    (await store.readStream(CHECKPOINT_STREAM)).map((event) => event.data as unknown as CheckpointData);

  it('writes nothing for an empty ledger', async () => {
    expect(await new CheckpointWriter({ store, signer }).checkpointNow()).toEqual({ written: false, reason: 'up-to-date' });
    expect(await store.headPosition()).toBe(0n);
  });

  it('signs every head first, then only what changed, chained, and nothing while nothing changes', async () => {
    const a = await appendNotes(store, 3);
    const b = await appendNotes(store, 2);
    const writer = new CheckpointWriter({ store, signer });
    const first = await writer.checkpointNow();
    expect(first).toMatchObject({ written: true, sequence: 1, position: 5n, changedStreams: 2 });
    expect(await writer.checkpointNow()).toEqual({ written: false, reason: 'up-to-date' });

    await appendNotes(store, 1, a);
    expect(await writer.checkpointNow()).toMatchObject({ written: true, sequence: 2, changedStreams: 2 });

    const [one, two] = await checkpoints();
    const events = await store.readStream(CHECKPOINT_STREAM);
    expect(one).toMatchObject({ sequence: 1, position: '5', eventCount: 5, streamCount: 2, previousHash: GENESIS_HASH, keyFingerprint: signer.fingerprint });
    expect(one!.heads.map((head) => head.stream).sort()).toEqual([`incident-${a}`, `incident-${b}`].sort());
    // The second lists the changed incident and the first checkpoint itself, and chains to it.
    expect(two).toMatchObject({ sequence: 2, eventCount: 7, streamCount: 3, previousHash: events[0]!.metadata.hash });
    expect(two!.heads.map((head) => head.stream)).toEqual([`incident-${a}`, CHECKPOINT_STREAM]);
    expect(two!.heads[0]).toMatchObject({ revision: '3' });
    for (const data of [one!, two!]) expect(checkCheckpointSignature(data).ok).toBe(true);

    // The root commits to all heads, including the ones the second checkpoint does not list.
    const all = await store.readAll({ maxCount: 100 });
    const heads = new Map<string, { stream: string; revision: string; hash: string }>();
    for (const event of all.filter((e) => e.position <= BigInt(two!.position))) {
      heads.set(event.stream, { stream: event.stream, revision: event.revision.toString(), hash: String((event.metadata as JsonObject).hash) });
    }
    expect(two!.root).toBe(computeLedgerRoot(heads.values()));
    expect(await verifyLedger(store)).toMatchObject({ ok: true, checkpoints: 2, events: 8 });
  });

  it('continues the sequence after a restart, and records a key rotation even when nothing changed', async () => {
    await appendNotes(store, 2);
    await new CheckpointWriter({ store, signer }).stop();
    const restarted = new CheckpointWriter({ store, signer });
    expect(await restarted.checkpointNow()).toEqual({ written: false, reason: 'up-to-date' });

    const rotated = Ed25519Signer.generate();
    expect(await new CheckpointWriter({ store, signer: rotated }).checkpointNow()).toMatchObject({ written: true, sequence: 2 });
    const [, second] = await checkpoints();
    expect(second).toMatchObject({ keyFingerprint: rotated.fingerprint, previousKeyFingerprint: signer.fingerprint });
    const verified = await verifyLedger(store);
    expect(verified).toMatchObject({ ok: true, checkpoints: 2, keyFingerprints: [signer.fingerprint, rotated.fingerprint] });
    // An auditor who trusts only the first key sees the rotation as untrusted.
    expect((await verifyLedger(store, { trustedKeyFingerprints: [signer.fingerprint] })).firstBreak).toMatchObject({
      kind: 'checkpoint-untrusted-key',
    });
  });

  it('lets two writers race on one ledger without ever writing an inconsistent checkpoint', async () => {
    const left = new CheckpointWriter({ store, signer });
    const right = new CheckpointWriter({ store, signer });
    for (let round = 0; round < 5; round++) {
      await appendNotes(store, 2);
      await Promise.allSettled([left.checkpointNow(), right.checkpointNow()]);
    }
    const written = await checkpoints();
    expect(written.map((data) => data.sequence)).toEqual(written.map((_, i) => i + 1));
    expect(written.length).toBeGreaterThanOrEqual(5);
    expect(await verifyLedger(store)).toMatchObject({ ok: true, checkpoints: written.length });
  });

  it('checkpoints on its timer while events arrive, and once more on stop', async () => {
    const writer = new CheckpointWriter({ store, signer, intervalMs: 20 });
    writer.start();
    await appendNotes(store, 2);
    for (let i = 0; i < 200 && (await checkpoints()).length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await checkpoints()).length).toBeGreaterThan(0);
    await appendNotes(store, 1);
    const last = await writer.stop();
    expect(last).toMatchObject({ written: true, position: (await store.headPosition()) - 1n });
  });

  it('refuses to sign over an event that does not chain, and keeps refusing', async () => {
    const id = await appendNotes(store, 2);
    const writer = new CheckpointWriter({ store, signer });
    await writer.checkpointNow();
    await appendNotes(store, 2, id);
    const db = openForTampering(dir);
    const [, , third] = streamRows(db, `incident-${id}`);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ text: 'rewritten' }), third!.position);
    db.close();
    await expect(writer.checkpointNow()).rejects.toThrow(CheckpointRefusedError);
    await expect(new CheckpointWriter({ store, signer }).checkpointNow()).rejects.toThrow(/hash-mismatch/);
    expect(await checkpoints()).toHaveLength(1);
  });

  it('refuses to continue from a checkpoint that was edited', async () => {
    await appendNotes(store, 2);
    await new CheckpointWriter({ store, signer }).checkpointNow();
    await appendNotes(store, 1);
    const db = openForTampering(dir);
    const [row] = streamRows(db, CHECKPOINT_STREAM);
    db.prepare('UPDATE events SET data = ? WHERE position = ?').run(JSON.stringify({ ...JSON.parse(row!.data), eventCount: 1 }), row!.position);
    db.close();
    const writer = new CheckpointWriter({ store, signer });
    await expect(writer.checkpointNow()).rejects.toThrow(/ledger-checkpoints revision 0: hash-mismatch/);
    await expect(writer.stop()).rejects.toThrow(CheckpointRefusedError);
    expect(await checkpoints()).toHaveLength(1);
  });
});
