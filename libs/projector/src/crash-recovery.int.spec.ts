import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { INCIDENT_PROJECTIONS } from '@ledger/projections';
import type { ReadWrite } from '@ledger/read-store';
import { silentProjectorLogger } from './logger';
import { Projector } from './projector';
import { rebuildProjections } from './rebuild';
import {
  appendSyntheticLedger,
  diffReadModels,
  InMemoryReadStore,
  readLedgerEvents,
  recordIncidentsThroughExecutor,
  referenceReadModels,
  snapshotReadModels,
  waitUntil,
  type CrashPlan,
  type ReadModelSnapshot,
} from './testing';

/**
 * A projector killed between writing documents and storing the checkpoint, or in the middle of a
 * batch, must leave read models that a restart completes into exactly what a full rebuild gives.
 * The kill is injected in the in-memory store: the chosen commit applies only some of its writes
 * (non-atomic store, like MongoDB without a replica set) or none (atomic store), then every call
 * fails, as for a dead process, until a new projector starts on the same data.
 */
describe('crash between read-model writes and the checkpoint', () => {
  let dir: string;
  let events: SqliteEventStore;
  let rebuilt: ReadModelSnapshot;
  let head: bigint;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-crash-'));
    events = await SqliteEventStore.open({ directory: dir, maxBatchAppends: 5000 });
    await recordIncidentsThroughExecutor(events, 2);
    await appendSyntheticLedger(events, { events: 1500, seed: 21, foreignEvery: 70 });
    head = await events.headPosition();
    // The yardstick: a full rebuild into an empty store.
    const fresh = new InMemoryReadStore();
    await rebuildProjections({ eventStore: events, readStore: fresh, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
    rebuilt = await snapshotReadModels(fresh, INCIDENT_PROJECTIONS);
    // …which is itself the reference projector's result.
    expect(diffReadModels(rebuilt, referenceReadModels(await readLedgerEvents(events), INCIDENT_PROJECTIONS))).toEqual([]);
  });
  afterAll(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const projectorOn = (readStore: InMemoryReadStore): Projector =>
    new Projector({
      eventStore: events,
      readStore,
      logger: silentProjectorLogger,
      // Small batches: many commits to crash in, and batches that split incidents.
      batchSize: 41,
      catchUpBatchSize: 41,
      retry: { initialDelayMs: 5, maxDelayMs: 20 },
    });

  const crashThenRestart = async (readStore: InMemoryReadStore, plan: CrashPlan): Promise<void> => {
    readStore.crashOn(plan);
    const doomed = projectorOn(readStore);
    await doomed.start();
    await waitUntil(() => readStore.isDown, 20_000, 'the injected crash');
    await doomed.stop();
    readStore.recover();

    const restarted = projectorOn(readStore);
    await restarted.start();
    expect(await restarted.waitForPosition(head, 20_000)).toBe(true);
    await restarted.stop();
    expect(diffReadModels(await snapshotReadModels(readStore, INCIDENT_PROJECTIONS), rebuilt)).toEqual([]);
  };

  const intervals = (writes: readonly ReadWrite[]): boolean =>
    writes.some((w) => w.collection.startsWith('incident_intervals') && w.type === 'put' && !w.document.id.endsWith(':clock'));
  const anyWrites = (writes: readonly ReadWrite[]): boolean => writes.length > 1;

  // Which commit dies, and how many of its writes reach the store first.
  const cases: [string, CrashPlan][] = [
    ['before any write of a batch (mid-batch)', { onCommit: 4, where: anyWrites, afterWrites: 0 }],
    ['after one write', { onCommit: 7, where: anyWrites, afterWrites: 1 }],
    ['after half of the writes', { onCommit: 11, where: anyWrites }],
    ['after all writes but one', { onCommit: 19, where: anyWrites, afterWrites: (n) => n - 1 }],
    ['after all writes, before the checkpoint', { onCommit: 23, where: anyWrites, afterWrites: (n) => n }],
    ['between interval facts and their clocks', { onCommit: 3, where: intervals, afterWrites: (n) => Math.ceil(n / 3) }],
    ['late in interval clocks', { onCommit: 9, where: intervals, afterWrites: (n) => n - 2 }],
    ['on the very first commit', { onCommit: 1 }],
  ];

  describe.each([
    ['non-atomic store (writes, then checkpoint)', false],
    ['atomic store', true],
  ])('%s', (_name, atomicCommit) => {
    it.each(cases)('recovers to the rebuild after a crash %s', async (_case, plan) => {
      await crashThenRestart(new InMemoryReadStore({ atomicCommit }), plan);
    });
  });

  it('recovers after several crashes in a row', async () => {
    const readStore = new InMemoryReadStore({ atomicCommit: false });
    for (const [onCommit, afterWrites] of [[5, 3], [2, 1], [13, 0], [8, 10]] as const) {
      readStore.crashOn({ onCommit, afterWrites, where: anyWrites });
      const doomed = projectorOn(readStore);
      await doomed.start();
      await waitUntil(() => readStore.isDown, 20_000, 'the injected crash');
      await doomed.stop();
      readStore.recover();
    }
    const last = projectorOn(readStore);
    await last.start();
    expect(await last.waitForPosition(head, 20_000)).toBe(true);
    await last.stop();
    expect(diffReadModels(await snapshotReadModels(readStore, INCIDENT_PROJECTIONS), rebuilt)).toEqual([]);
  });
});
