import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import {
  INCIDENT_PROJECTIONS,
  incidentSummaryProjection,
  incidentIntervalsProjection,
  incidentTimelineProjection,
} from '@ledger/projections';
import { rebuildProjections } from './rebuild';
import { silentProjectorLogger } from './logger';
import { Projector } from './projector';
import {
  appendSyntheticLedger,
  diffReadModels,
  FlakyEventStore,
  documentCount,
  InMemoryReadStore,
  readLedgerEvents,
  recordIncidentsThroughExecutor,
  referenceReadModels,
  snapshotReadModels,
} from './testing';

describe('Projector on the embedded event store', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readStore: InMemoryReadStore;
  const projectors: Projector[] = [];
  const projector = (options: Partial<ConstructorParameters<typeof Projector>[0]> = {}): Projector => {
    const created = new Projector({
      eventStore: events,
      readStore,
      logger: silentProjectorLogger,
      batchSize: 97,
      catchUpBatchSize: 97,
      retry: { initialDelayMs: 20, maxDelayMs: 100 },
      ...options,
    });
    projectors.push(created);
    return created;
  };
  const expectMatchesReference = async (): Promise<void> => {
    const expected = referenceReadModels(await readLedgerEvents(events), INCIDENT_PROJECTIONS);
    const actual = await snapshotReadModels(readStore, INCIDENT_PROJECTIONS);
    expect(diffReadModels(actual, expected)).toEqual([]);
    expect(documentCount(actual)).toBeGreaterThan(0);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-'));
    events = await SqliteEventStore.open({ directory: dir, pollIntervalMs: 10, maxBatchAppends: 5000 });
    readStore = new InMemoryReadStore();
  });
  afterEach(async () => {
    await Promise.all(projectors.splice(0).map((p) => p.stop()));
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('projects the whole ledger, skipping other streams, exactly as the reference projector', async () => {
    await recordIncidentsThroughExecutor(events, 3);
    await appendSyntheticLedger(events, { events: 3000, seed: 11, foreignEvery: 50 });
    const running = projector();
    await running.start();
    const head = await events.headPosition();
    expect(await running.waitForPosition(head, 20_000)).toBe(true);
    await expectMatchesReference();

    const status = await running.status();
    expect(status).toMatchObject({ state: 'running', position: head, headPosition: head, lag: 0n, lagUnit: 'position' });
    expect(status.eventsRead).toBe(Number(head));
    expect(status.projections.map((p) => p.collection).sort()).toEqual([
      'incident_intervals_v1',
      'incident_summary_v1',
      'incident_timeline_v1',
    ]);
    for (const name of ['incident_summary_v1', 'incident_timeline_v1', 'incident_intervals_v1']) {
      expect(await readStore.readCheckpoint(name)).toBe(head);
    }
  });

  it('follows live appends and reports caught-up, lag and read-your-writes', async () => {
    await appendSyntheticLedger(events, { events: 500, seed: 2 });
    const running = projector();
    await running.start();
    expect(await running.waitForPosition(await events.headPosition(), 10_000)).toBe(true);

    const position = await recordIncidentsThroughExecutor(events, 2);
    expect(await running.waitForPosition(position, 10_000)).toBe(true);
    await expectMatchesReference();
    const status = await running.status();
    expect(status.caughtUp).toBe(true);
    expect(status.lag).toBe(0n);
    // A position nobody has written yet times out instead of hanging.
    expect(await running.waitForPosition(position + 1_000n, 50)).toBe(false);
  });

  it('after a restart processes only the events past its checkpoints', async () => {
    await appendSyntheticLedger(events, { events: 1000, seed: 3 });
    const first = projector();
    await first.start();
    const before = await events.headPosition();
    expect(await first.waitForPosition(before, 10_000)).toBe(true);
    await first.stop();

    const appended = await appendSyntheticLedger(events, { events: 300, seed: 4 });
    const second = projector();
    await second.start();
    expect(await second.waitForPosition(await events.headPosition(), 10_000)).toBe(true);
    const status = await second.status();
    expect(status.eventsRead).toBe(appended.events);
    for (const lane of status.projections) expect(lane.eventsProcessed).toBe(appended.events);
    await expectMatchesReference();
  });

  it('applying events a second time changes nothing', async () => {
    await appendSyntheticLedger(events, { events: 1000, seed: 5 });
    const first = projector();
    await first.start();
    const head = await events.headPosition();
    expect(await first.waitForPosition(head, 10_000)).toBe(true);
    await first.stop();
    const before = await snapshotReadModels(readStore, INCIDENT_PROJECTIONS);

    // Lose every checkpoint: the next projector replays the whole ledger onto the same documents.
    for (const name of await readStore.listCollections()) await readStore.deleteCheckpoint(name);
    const replay = projector();
    await replay.start();
    expect(await replay.waitForPosition(head, 10_000)).toBe(true);
    const status = await replay.status();
    for (const lane of status.projections) {
      expect(lane.eventsProcessed).toBe(Number(head));
      expect(lane.documentsWritten).toBe(0);
    }
    expect(diffReadModels(await snapshotReadModels(readStore, INCIDENT_PROJECTIONS), before)).toEqual([]);
  });

  it('stop() leaves every checkpoint matching its documents', async () => {
    await appendSyntheticLedger(events, { events: 3000, seed: 6 });
    const running = projector({ batchSize: 50 });
    await running.start();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await running.stop();
    const status = await running.status();
    expect(status.state).toBe('stopped');
    // Whatever was reached, each collection holds exactly the reference up to its checkpoint.
    const all = await readLedgerEvents(events);
    for (const projection of INCIDENT_PROJECTIONS) {
      const collection = `${projection.name.replace(/-/g, '_')}_v1`;
      const checkpoint = (await readStore.readCheckpoint(collection)) ?? 0n;
      const expected = referenceReadModels(all.filter((e) => e.position <= checkpoint), [projection]);
      const actual = await snapshotReadModels(readStore, [projection]);
      expect(diffReadModels(actual, expected)).toEqual([]);
    }
  });

  it('resumes from its checkpoints after the subscription drops', async () => {
    await appendSyntheticLedger(events, { events: 2000, seed: 7, foreignEvery: 100 });
    const flaky = new FlakyEventStore(events);
    flaky.dropSubscriptions(3, 150);
    const running = projector({ eventStore: flaky });
    await running.start();
    expect(await running.waitForPosition(await events.headPosition(), 20_000)).toBe(true);
    expect(flaky.subscriptionsOpened).toBeGreaterThanOrEqual(4);
    const status = await running.status();
    expect(status.lastError?.message).toContain('subscription dropped');
    await expectMatchesReference();
  });

  it('on a gap (ProjectionOrderError) keeps the checkpoint, reports, retries with backoff; a rebuild repairs it', async () => {
    const { incidents } = await appendSyntheticLedger(events, { events: 600, seed: 8 });
    const victim = incidents.find((incident) => incident.events.length >= 4)!;
    const [second, third] = await events.readStream(victim.stream, { fromRevision: 1n, maxCount: 2 });
    const flaky = new FlakyEventStore(events);
    flaky.hidden.add(second!.eventId);
    const running = projector({ eventStore: flaky });
    await running.start();
    let status = await running.status();
    while (status.lastError?.name !== 'ProjectionOrderError') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = await running.status();
    }
    expect(status.lastError.projection).toBeDefined();
    // Revision 2 arrives without revision 1: no read model moves past it, and the retries are
    // spaced out by the backoff, not a spin.
    for (const lane of status.projections) expect(lane.position).toBeLessThan(third!.position);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(flaky.subscriptionsOpened).toBeLessThan(20);
    expect(await running.waitForPosition(third!.position, 50)).toBe(false);
    // What is already applied still answers at once while it retries.
    expect(await running.waitForPosition(status.position, 50)).toBe(true);

    // The event is back, but the read models already went past its position: the remedy for a
    // gap is a rebuild, which the running projector then follows.
    flaky.hidden.clear();
    await rebuildProjections({ eventStore: events, readStore, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
    expect(await running.waitForPosition(await events.headPosition(), 20_000)).toBe(true);
    await expectMatchesReference();
  });

  it('keeps serving during a blue-green rebuild, then follows the new collections from their checkpoints', async () => {
    await appendSyntheticLedger(events, { events: 2000, seed: 9 });
    const running = projector({ switchCheckMs: 20 });
    await running.start();
    expect(await running.waitForPosition(await events.headPosition(), 20_000)).toBe(true);

    // Appends keep coming while the rebuild runs.
    const writing = appendSyntheticLedger(events, { events: 1000, seed: 10 });
    const result = await rebuildProjections({
      eventStore: events,
      readStore,
      projections: INCIDENT_PROJECTIONS,
      pageSize: 300,
      batchEvents: 600,
      dropDelayMs: 100,
      clock: () => new Date(1_700_000_000_000),
    });
    await writing;
    await recordIncidentsThroughExecutor(events, 1);
    expect(await running.waitForPosition(await events.headPosition(), 20_000)).toBe(true);

    const status = await running.status();
    expect(status.projections.map((p) => p.collection).sort()).toEqual([
      'incident_intervals_v1_r1700000000000',
      'incident_summary_v1_r1700000000000',
      'incident_timeline_v1_r1700000000000',
    ]);
    expect(result.collections.map((c) => c.previous).sort()).toEqual([
      'incident_intervals_v1',
      'incident_summary_v1',
      'incident_timeline_v1',
    ]);
    expect(await readStore.listCollections()).toEqual(status.projections.map((p) => p.collection).sort());
    expect(await readStore.readCheckpoint('incident_summary_v1')).toBeUndefined();
    await expectMatchesReference();
  });

  it('rebuilds a projection whose version changed into a new collection and keeps the old one', async () => {
    await appendSyntheticLedger(events, { events: 800, seed: 12 });
    const v1 = projector();
    await v1.start();
    expect(await v1.waitForPosition(await events.headPosition(), 20_000)).toBe(true);
    await v1.stop();

    const summaryV2 = { ...incidentSummaryProjection, version: 2 };
    const projections = [summaryV2, incidentTimelineProjection, incidentIntervalsProjection];
    const v2 = projector({ projections });
    await v2.start();
    expect(await v2.waitForPosition(await events.headPosition(), 20_000)).toBe(true);
    const status = await v2.status();
    expect(status.projections.find((p) => p.projection === 'incident-summary')?.collection).toMatch(
      /^incident_summary_v2_r\d+$/,
    );
    expect(await readStore.listCollections()).toContain('incident_summary_v1');
    const expected = referenceReadModels(await readLedgerEvents(events), projections);
    expect(diffReadModels(await snapshotReadModels(readStore, projections), expected)).toEqual([]);
  });

  it('leaves a projection whose active collection holds a newer version to the newer release, instead of rebuilding back', async () => {
    await appendSyntheticLedger(events, { events: 400, seed: 13 });
    const summaryV2 = { ...incidentSummaryProjection, version: 2 };
    const newer = projector({ projections: [summaryV2, incidentTimelineProjection, incidentIntervalsProjection] });
    await newer.start();
    expect(await newer.waitForPosition(await events.headPosition(), 20_000)).toBe(true);
    await newer.stop();
    const summaryOfV2 = await readStore.getActiveCollection('incident-summary');
    const v2Checkpoint = await readStore.readCheckpoint(summaryOfV2!);

    await appendSyntheticLedger(events, { events: 200, seed: 14 });
    const older = projector();
    await older.start();
    expect(await older.waitForPosition(await events.headPosition(), 20_000)).toBe(true);

    expect(await readStore.getActiveCollection('incident-summary')).toBe(summaryOfV2);
    expect(await readStore.readCheckpoint(summaryOfV2!)).toBe(v2Checkpoint);
    expect((await older.status()).projections.map((p) => p.projection).sort()).toEqual(['incident-intervals', 'incident-timeline']);
    expect((await readStore.listCollections()).filter((c) => c.startsWith('incident_summary_v1'))).toEqual([]);
    const others = [incidentTimelineProjection, incidentIntervalsProjection];
    expect(diffReadModels(await snapshotReadModels(readStore, others), referenceReadModels(await readLedgerEvents(events), others))).toEqual([]);
  });
});
