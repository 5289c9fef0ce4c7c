import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INCIDENT_PROJECTIONS, incidentSummaryProjection, incidentTimelineProjection } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { findPrunable, pruneCollections } from './prune';

describe('pruning read-model collections nothing reads', () => {
  const now = new Date(Date.UTC(2026, 11, 7, 12));
  const hoursAgo = (hours: number) => now.getTime() - hours * 3_600_000;
  let dir: string;
  let store: SqliteReadStore;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-prune-'));
    store = await SqliteReadStore.open({ directory: dir });
    const collections = {
      active: `incident_summary_v1_r${hoursAgo(30)}`,
      firstBuild: 'incident_summary_v1',
      crashedRebuild: `incident_summary_v1_r${hoursAgo(48)}`,
      runningRebuild: `incident_summary_v1_r${hoursAgo(1)}`,
      oldVersion: 'incident_summary_v0_r5',
      newerVersion: 'incident_summary_v2',
      timelineActive: 'incident_timeline_v1',
      unknown: 'analyst_scratch',
    };
    for (const collection of Object.values(collections)) {
      await store.commit([{ collection, type: 'put', document: { id: 'x' } }], { name: collection, position: 7n });
    }
    await store.setActiveCollection('incident-summary', collections.active);
    await store.setActiveCollection('incident-timeline', collections.timelineActive);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given builds of every kind, then only inactive builds of the current version older than a day are prunable', async () => {
    expect(await findPrunable(store, INCIDENT_PROJECTIONS, { now })).toEqual([
      { projection: 'incident-summary', collection: 'incident_summary_v1', reason: 'inactive build' },
      { projection: 'incident-summary', collection: `incident_summary_v1_r${hoursAgo(48)}`, reason: 'inactive build' },
    ]);
  });

  it('given includeOldVersions and a shorter age, then older versions and younger builds are prunable too, never a newer version', async () => {
    const found = await findPrunable(store, [incidentSummaryProjection, incidentTimelineProjection], {
      now,
      olderThanMs: 3_600_000,
      includeOldVersions: true,
    });
    expect(found.map((f) => f.collection).sort()).toEqual(
      ['incident_summary_v0_r5', 'incident_summary_v1', `incident_summary_v1_r${hoursAgo(1)}`, `incident_summary_v1_r${hoursAgo(48)}`].sort(),
    );
  });

  it('drops what it finds with its checkpoint, leaves the rest, and a dry run drops nothing', async () => {
    const before = await store.listCollections();
    expect(await pruneCollections(store, INCIDENT_PROJECTIONS, { now, dryRun: true })).toHaveLength(2);
    expect(await store.listCollections()).toEqual(before);

    const dropped = await pruneCollections(store, INCIDENT_PROJECTIONS, { now });

    expect(dropped.map((d) => d.collection)).toEqual(['incident_summary_v1', `incident_summary_v1_r${hoursAgo(48)}`]);
    expect((await store.listCollections()).sort()).toEqual(
      before.filter((c) => !dropped.some((d) => d.collection === c)).sort(),
    );
    expect(await store.readCheckpoint('incident_summary_v1')).toBeUndefined();
    expect(await store.readCheckpoint(`incident_summary_v1_r${hoursAgo(48)}`)).toBeUndefined();
    expect(await store.readCheckpoint(`incident_summary_v1_r${hoursAgo(30)}`)).toBe(7n);
    expect(await store.get('analyst_scratch', 'x')).toEqual({ id: 'x' });
  });
});
