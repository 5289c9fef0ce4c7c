import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import {
  ACCESS_RECORDED,
  AccessRecorder,
  accessRecords,
  accessStream,
  ChainedStreamWriter,
  verifyAccessRecords,
  verifyStreamChain,
} from '@ledger/ledger';

const auditor = { id: 'p-7', name: 'auditor1' };
const view = {
  incidentId: 'inc-1',
  actor: auditor,
  action: 'evidence.view',
  subject: { kind: 'evidence', id: 'ev-1' },
  reason: 'Case 2026-17: checking the hash before hand-over',
  correlationId: 'req-1',
} as const;

describe('AccessRecorder and accessRecords', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-access-'));
    store = await SqliteEventStore.open({ directory: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("names the ledger's own access streams per incident, and one for ledger-wide reads", () => {
    expect(accessStream('inc-1')).toBe('ledger-access-inc-1');
    expect(accessStream()).toBe('ledger-access');
    expect(accessStream(null)).toBe('ledger-access');
  });

  it('records who read what and why, sealed into the hash chain of the incident’s access stream', async () => {
    const recorder = new AccessRecorder(new ChainedStreamWriter(store), { clock: () => new Date('2026-11-23T10:00:00Z') });
    const receipt = await recorder.record(view);
    expect(receipt).toMatchObject({ stream: 'ledger-access-inc-1', revision: 0n, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const [stored] = await store.readStream('ledger-access-inc-1');
    expect(stored).toMatchObject({
      type: ACCESS_RECORDED,
      eventId: receipt.eventId,
      data: { incidentId: 'inc-1', action: 'evidence.view', subject: { kind: 'evidence', id: 'ev-1' }, reason: view.reason },
      metadata: {
        schemaVersion: 1,
        actor: auditor,
        correlationId: 'req-1',
        causationId: 'req-1',
        occurredAt: '2026-11-23T10:00:00.000Z',
        hash: receipt.hash,
      },
    });
    // No nulls for what was not given.
    expect(Object.keys(stored!.data).sort()).toEqual(['action', 'incidentId', 'reason', 'subject']);

    expect(await accessRecords(store, { incidentId: 'inc-1' })).toEqual([
      expect.objectContaining({
        action: 'evidence.view',
        subject: { kind: 'evidence', id: 'ev-1' },
        reason: view.reason,
        actor: auditor,
        revision: 0n,
        recordedAt: expect.stringMatching(/Z$/),
        correlationId: 'req-1',
        hash: receipt.hash,
      }),
    ]);
  });

  it('keeps ledger-wide exports in their own stream, with the format', async () => {
    const recorder = AccessRecorder.over(store);
    await recorder.record({
      actor: auditor,
      action: 'ledger.export',
      subject: { kind: 'ledger', id: '2026-11' },
      format: 'csv',
      correlationId: 'req-2',
      causationId: 'job-9',
    });
    const records = await accessRecords(store);
    expect(records).toEqual([expect.objectContaining({ stream: 'ledger-access', format: 'csv', causationId: 'job-9' })]);
    expect(records[0]!.incidentId).toBeUndefined();
    expect(await accessRecords(store, { incidentId: 'inc-1' })).toEqual([]);
  });

  it('chains concurrent records from several recorders without a gap', async () => {
    const a = AccessRecorder.over(store);
    const b = AccessRecorder.over(store);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).record({ ...view, correlationId: `req-${i}` })),
    );
    const records = await accessRecords(store, { incidentId: 'inc-1' });
    expect(records.map((r) => r.revision)).toEqual(Array.from({ length: 12 }, (_, i) => BigInt(i)));
    expect(await verifyAccessRecords(store, { incidentId: 'inc-1' })).toMatchObject({ ok: true, events: 12 });
    expect(verifyStreamChain('ledger-access-inc-1', await store.readStream('ledger-access-inc-1')).ok).toBe(true);
  });

  it('refuses a request without an actor, action, subject or correlation id, and writes nothing', async () => {
    const recorder = AccessRecorder.over(store);
    const broken = [
      { ...view, actor: { id: 'p-7', name: ' ' } },
      { ...view, action: '' },
      { ...view, subject: { kind: 'evidence', id: '' } },
      { ...view, correlationId: '' },
    ];
    for (const request of broken) await expect(recorder.record(request)).rejects.toThrow(TypeError);
    expect(await store.readStream('ledger-access-inc-1')).toEqual([]);
  });
});
