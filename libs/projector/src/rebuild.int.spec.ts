import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SqliteEventStore } from '@ledger/event-store';
import { INCIDENT_PROJECTIONS, versionedName } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { rebuildProgressView } from './cli/rebuild-progress-bar';
import { silentProjectorLogger } from './logger';
import { Projector } from './projector';
import { rebuildProjections } from './rebuild';
import type { RebuildProgress } from './rebuild-types';
import {
  appendSyntheticLedger,
  diffReadModels,
  documentCount,
  readCollection,
  recordIncidentsThroughExecutor,
  type ReadModelSnapshot,
} from './testing';


/**
 * The blue-green rebuild on the embedded stores, at the volume: 100 000 events by default
 * (PROJECTOR_REBUILD_TEST_EVENTS to change it), shown through the CLI's progress view, and the
 * rebuilt collections must equal, document for document, what the live projector built from the
 * same ledger. About a minute on this 2-core machine: generating the ledger and the live catch-up
 * (SQLite maintaining the expression indexes on every write) take most of it.
 */
const EVENTS = Number(process.env.PROJECTOR_REBUILD_TEST_EVENTS ?? 100_000);

describe(`rebuild of ${EVENTS} events on the embedded stores`, () => {
  let dir: string;
  let events: SqliteEventStore;
  let readStore: SqliteReadStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-rebuild-'));
    events = await SqliteEventStore.open({ directory: dir, maxBatchAppends: 10_000 });
    readStore = await SqliteReadStore.open({ directory: dir });
    await recordIncidentsThroughExecutor(events, 3);
    await appendSyntheticLedger(events, { events: EVENTS, seed: 99, foreignEvery: 500 });
  }, 120_000);
  afterAll(async () => {
    await readStore.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rebuilds with monotonic progress to 100% into collections equal to the live ones', async () => {
    const head = await events.headPosition();
    const live = new Projector({ eventStore: events, readStore, logger: silentProjectorLogger });
    await live.start();
    expect(await live.waitForPosition(head, 300_000)).toBe(true);
    await live.stop();

    const progress: RebuildProgress[] = [];
    const stderr = new PassThrough();
    let shown = '';
    stderr.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const view = rebuildProgressView({ label: 'rebuild', stream: stderr as unknown as NodeJS.WriteStream });
    const result = await rebuildProjections({
      eventStore: events,
      readStore,
      projections: INCIDENT_PROJECTIONS,
      onProgress: (p) => {
        progress.push(p);
        view.update(p);
      },
      dropPrevious: false,
    });
    view.stop();
    // Not a terminal: the view writes a line per 10 %, in order, ending switched at 100 %.
    const percents = [...shown.matchAll(/(\d+)% \(/g)].map((m) => Number(m[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.length).toBeGreaterThanOrEqual(5);
    expect(shown).toMatch(/100% \(.*switched\)/);

    expect(result.position).toBe(head);
    expect(result.eventsRead).toBe(Number(head));
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({ phase: 'switched', ratio: 1, position: head, eventsRead: Number(head) });
    expect(progress[0]!.ratio).toBe(0);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.position).toBeGreaterThanOrEqual(progress[i - 1]!.position);
      expect(progress[i]!.eventsRead).toBeGreaterThanOrEqual(progress[i - 1]!.eventsRead);
      expect(progress[i]!.ratio).toBeGreaterThanOrEqual(progress[i - 1]!.ratio);
    }
    expect(progress.length).toBeGreaterThan(2);

    const liveModels: ReadModelSnapshot = {};
    const rebuiltModels: ReadModelSnapshot = {};
    for (const projection of INCIDENT_PROJECTIONS) {
      const rebuilt = result.collections.find((c) => c.projection === projection.name)!;
      expect(rebuilt.previous).toBe(versionedName(projection));
      expect(await readStore.getActiveCollection(projection.name)).toBe(rebuilt.collection);
      expect(await readStore.readCheckpoint(rebuilt.collection)).toBe(head);
      liveModels[projection.name] = await readCollection(readStore, rebuilt.previous!);
      rebuiltModels[projection.name] = await readCollection(readStore, rebuilt.collection);
    }
    expect(documentCount(rebuiltModels)).toBeGreaterThan(EVENTS);
    expect(diffReadModels(rebuiltModels, liveModels)).toEqual([]);
  }, 300_000);
});
