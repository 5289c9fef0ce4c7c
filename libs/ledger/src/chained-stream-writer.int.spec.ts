import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { ChainedStreamWriter, verifyStreamChain } from '@ledger/ledger';

const context = {
  actor: { id: 'p-1', name: 'auditor1' },
  commandId: 'c',
  commandFingerprint: 'f',
  correlationId: 'corr',
  causationId: 'cause',
  occurredAt: '2026-11-23T10:00:00.000Z',
};

describe('ChainedStreamWriter', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-chained-'));
    store = await SqliteEventStore.open({ directory: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('chains events of a ledger stream across writers, concurrent appends and processes', async () => {
    const a = new ChainedStreamWriter(store);
    const b = new ChainedStreamWriter(store);
    const stream = 'ledger-access-test';
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? a : b).append(stream, [{ type: 'AccessRecorded', data: { n: i }, schemaVersion: 1 }], context),
      ),
    );
    const events = await store.readStream(stream);
    expect(events).toHaveLength(20);
    expect(verifyStreamChain(stream, events)).toMatchObject({ ok: true, events: 20 });
    expect(events[0]!.metadata).toMatchObject({ actor: context.actor, schemaVersion: 1, occurredAt: context.occurredAt });
  });
});
