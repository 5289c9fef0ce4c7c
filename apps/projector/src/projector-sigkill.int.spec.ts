import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { INCIDENT_PROJECTIONS, versionedName } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { rebuildProjections } from '../../../libs/projector/src/rebuild';
import {
  appendSyntheticLedger,
  diffReadModels,
  readLedgerEvents,
  recordIncidentsThroughExecutor,
  referenceReadModels,
  snapshotReadModels,
  startProjectorChild,
  waitUntil,
} from '../../../libs/projector/src/testing';


/**
 * The real proof of crash safety: the projector process (apps/projector, embedded SQLite stores)
 * is SIGKILLed at arbitrary points while it works through a backlog in small batches, restarted,
 * killed again, and finally allowed to finish. After every kill each read model holds exactly the
 * reference projection of the events up to its own checkpoint (nothing missed, nothing applied
 * twice); at the end the read models equal a full rebuild, document for document.
 */
describe('apps/projector killed with SIGKILL in the middle of batches', () => {
  let dataDir: string;
  let events: SqliteEventStore;
  let readStore: SqliteReadStore;
  const env = (): NodeJS.ProcessEnv => ({
    LEDGER_DATA_DIR: dataDir,
    LEDGER_PROJECTOR_BATCH_SIZE: '40',
    LEDGER_PROJECTOR_CATCHUP_BATCH_SIZE: '40',
  });

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'projector-sigkill-'));
    events = await SqliteEventStore.open({ directory: dataDir, maxBatchAppends: 5000 });
    readStore = await SqliteReadStore.open({ directory: dataDir });
  });
  afterAll(async () => {
    await readStore.close();
    await events.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const checkpoints = async (): Promise<bigint[]> =>
    Promise.all(INCIDENT_PROJECTIONS.map(async (p) => (await readStore.readCheckpoint(versionedName(p))) ?? 0n));

  /** Each collection = the reference projection of exactly the events up to its checkpoint. */
  const expectConsistentAtCheckpoints = async (): Promise<void> => {
    const all = await readLedgerEvents(events);
    const positions = await checkpoints();
    for (const [i, projection] of INCIDENT_PROJECTIONS.entries()) {
      const expected = referenceReadModels(all.filter((e) => e.position <= positions[i]!), [projection]);
      expect(diffReadModels(await snapshotReadModels(readStore, [projection]), expected)).toEqual([]);
    }
  };

  it('restarts into read models equal to a full rebuild', async () => {
    await recordIncidentsThroughExecutor(events, 2);
    for (let round = 0; round < 3; round++) {
      await appendSyntheticLedger(events, { events: 1500, seed: 31 + round, foreignEvery: 90 });
      const head = await events.headPosition();
      const before = Math.min(...(await checkpoints()).map(Number));
      const running = await startProjectorChild(env());
      // Kill once it is well into the backlog, at a moment unrelated to its batch boundaries.
      await waitUntil(async () => Math.min(...(await checkpoints()).map(Number)) > before + 200, 30_000, 'progress');
      await new Promise((resolve) => setTimeout(resolve, 3 + round * 7));
      running.child.kill('SIGKILL');
      await running.exited;
      expect(running.child.signalCode).toBe('SIGKILL');
      expect(Math.min(...(await checkpoints()).map(Number))).toBeLessThan(Number(head));
      await expectConsistentAtCheckpoints();
    }

    // A last run to the head, stopped cleanly with SIGTERM.
    const head = await events.headPosition();
    const last = await startProjectorChild(env());
    await waitUntil(async () => (await checkpoints()).every((p) => p === head), 60_000, 'catch-up');
    last.child.kill('SIGTERM');
    await last.exited;
    expect(last.child.exitCode).toBe(0);
    expect(last.output()).toContain('stopped: stopped position=');

    const yardstick = await SqliteReadStore.open({ file: join(dataDir, 'rebuild.sqlite') });
    try {
      await rebuildProjections({ eventStore: events, readStore: yardstick, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
      const rebuilt = await snapshotReadModels(yardstick, INCIDENT_PROJECTIONS);
      expect(diffReadModels(await snapshotReadModels(readStore, INCIDENT_PROJECTIONS), rebuilt)).toEqual([]);
      expect(diffReadModels(rebuilt, referenceReadModels(await readLedgerEvents(events), INCIDENT_PROJECTIONS))).toEqual([]);
    } finally {
      await yardstick.close();
    }
  }, 180_000);
});
