import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { INCIDENT_PROJECTIONS, incidentSummaryProjection } from '@ledger/projections';
import { CheckpointProgress } from './checkpoint-progress';
import { silentProjectorLogger } from './logger';
import { Projector } from './projector';
import { rebuildProjections } from './rebuild';
import { RebuildAbortedError, RebuildConflictError } from './rebuild-types';
import { appendSyntheticLedger, InMemoryReadStore, recordIncidentsThroughExecutor } from './testing';

describe('rebuild edge cases and read-model progress', () => {
  let dir: string;
  let events: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-edge-'));
    events = await SqliteEventStore.open({ directory: dir, maxBatchAppends: 5000 });
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds an empty ledger into empty, active collections with their indexes', async () => {
    const readStore = new InMemoryReadStore();
    const result = await rebuildProjections({ eventStore: events, readStore, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
    expect(result).toMatchObject({ position: 0n, eventsRead: 0 });
    for (const { projection, collection } of result.collections) {
      expect(await readStore.getActiveCollection(projection)).toBe(collection);
      expect(readStore.indexesOf(collection).length).toBeGreaterThan(0);
    }
  });

  it('does not switch when someone else switched meanwhile, and drops its own collection', async () => {
    await appendSyntheticLedger(events, { events: 300, seed: 1 });
    const readStore = new InMemoryReadStore();
    await readStore.setActiveCollection('incident-summary', 'incident_summary_v1');
    const rebuilding = rebuildProjections({
      eventStore: events,
      readStore,
      projections: [incidentSummaryProjection],
      pageSize: 50,
      batchEvents: 50,
      onProgress: (p) => {
        if (p.eventsRead > 0) void readStore.setActiveCollection('incident-summary', 'incident_summary_v1_r1');
      },
    });
    await expect(rebuilding).rejects.toBeInstanceOf(RebuildConflictError);
    expect(await readStore.getActiveCollection('incident-summary')).toBe('incident_summary_v1_r1');
    expect(await readStore.listCollections()).toEqual([]);
  });

  it('stops on abort and leaves nothing behind', async () => {
    await appendSyntheticLedger(events, { events: 300, seed: 2 });
    const readStore = new InMemoryReadStore();
    const abort = new AbortController();
    const rebuilding = rebuildProjections({
      eventStore: events,
      readStore,
      projections: INCIDENT_PROJECTIONS,
      pageSize: 50,
      batchEvents: 50,
      signal: abort.signal,
      onProgress: (p) => p.eventsRead > 100 && abort.abort(),
    });
    await expect(rebuilding).rejects.toBeInstanceOf(RebuildAbortedError);
    expect(await readStore.listCollections()).toEqual([]);
    for (const p of INCIDENT_PROJECTIONS) expect(await readStore.getActiveCollection(p.name)).toBeUndefined();
  });

  it('CheckpointProgress answers read-your-writes from the store for a projector running elsewhere', async () => {
    await appendSyntheticLedger(events, { events: 300, seed: 3 });
    const readStore = new InMemoryReadStore();
    const progress = new CheckpointProgress(readStore, INCIDENT_PROJECTIONS, 5);
    expect(await progress.position()).toBeUndefined();
    expect(await progress.waitForPosition(1n, 20)).toBe(false);

    const projector = new Projector({ eventStore: events, readStore, logger: silentProjectorLogger });
    await projector.start();
    try {
      const position = await recordIncidentsThroughExecutor(events, 1);
      expect(await progress.waitForPosition(position, 10_000)).toBe(true);
      expect(await progress.position()).toBeGreaterThanOrEqual(position);
      expect(await progress.waitForPosition(position + 10n, 30)).toBe(false);
    } finally {
      await projector.stop();
    }
  });
});
