import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectEsdbEventStore, isLedgerStream, type EsdbEventStore } from '@ledger/event-store';
import { INCIDENT_PROJECTIONS } from '@ledger/projections';
import { MongoReadStore, SqliteReadStore, type ReadStore } from '@ledger/read-store';
import { EsdbTestServer } from '../../../test/support/esdb-test-server';
import { MongoTestServer } from '../../../test/support/mongo-test-server';
import type { Projector } from './projector';
import { rebuildProjections } from './rebuild';
import {
  appendSyntheticLedger,
  diffReadModels,
  documentCount,
  readLedgerEvents,
  recordIncidentsThroughExecutor,
  referenceReadModels,
  snapshotReadModels,
  waitUntil,
} from './testing';
import { GatedEventStore, TestProjectors } from './testing/projector-harness';

/**
 * The projector on EventStoreDB: @eventstore/db-client over gRPC against the wire-level test server,
 * projecting into the embedded SQLite read store. The ledger holds events written through the command
 * executor, a few thousand synthetic ones, events of a non-incident ledger stream, and other
 * applications' and system events in $all (which the adapter filters out; their positions reach the
 * projector only through the subscription's checkpoints).
 *
 * The tests run in order on one ledger and one live read store: catch-up from zero, the checkpoints,
 * a restart after more appends, a blue-green rebuild under a running projector, a server restart in
 * the middle of a catch-up, and the production pairing (EventStoreDB into MongoDB).
 */
describe('Projector on EventStoreDB (real client, wire-level test server)', () => {
  let server: EsdbTestServer;
  let mongo: MongoTestServer | undefined;
  let events: EsdbEventStore;
  let dir: string;
  let live: SqliteReadStore;
  let first: Projector;
  const stores: ReadStore[] = [];
  const clients: EsdbEventStore[] = [];

  const openReadStore = async (name: string): Promise<SqliteReadStore> => {
    const store = await SqliteReadStore.open({ file: join(dir, `${name}.sqlite`) });
    stores.push(store);
    return store;
  };
  const projectors = new TestProjectors(() => ({ eventStore: events, readStore: live, batchSize: 200, catchUpBatchSize: 400 }));
  /** Other applications' and EventStoreDB's own events, which no read model may see. */
  const foreignNoise = (): bigint[] => [
    ...server.appendForeign(
      `orders-${randomUUID()}`,
      Array.from({ length: 25 }, (_, n) => ({ type: 'OrderPlaced', data: { n } })),
    ),
    ...server.appendForeign('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: {} }]),
  ];
  const reference = async () => referenceReadModels(await readLedgerEvents(events), INCIDENT_PROJECTIONS);
  const expectLiveMatchesReference = async (): Promise<void> => {
    const actual = await snapshotReadModels(live, INCIDENT_PROJECTIONS);
    expect(diffReadModels(actual, await reference())).toEqual([]);
    expect(documentCount(actual)).toBeGreaterThan(0);
  };
  const caughtUp = async (running: Projector): Promise<void> => {
    await waitUntil(async () => (await running.status()).caughtUp, 20_000, 'caught up');
  };
  /** Commit positions of the records in the server's log (every stream). */
  const logPositions = (): Set<bigint> => new Set(server.records().map((record) => record.position));

  beforeAll(async () => {
    server = await EsdbTestServer.start();
    events = await connectEsdbEventStore({ connectionString: server.connectionString });
    clients.push(events);
    dir = mkdtempSync(join(tmpdir(), 'projector-esdb-'));
    await recordIncidentsThroughExecutor(events, 3);
    foreignNoise();
    await appendSyntheticLedger(events, { events: 2500, seed: 31, foreignEvery: 50 });
    // The log ends with events the projector never sees: the checkpoints must still get there.
    foreignNoise();
    live = await openReadStore('live');
    first = projectors.create();
    await first.start();
    expect(await first.waitForPosition(await events.headPosition(), 45_000)).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await projectors.stopAll();
    for (const store of stores.splice(0)) await store.close();
    for (const client of clients.splice(0)) await client.close();
    await server?.stop();
    await mongo?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('catches up from zero through the $all subscription, equal to the reference and to a full rebuild', async () => {
    const head = await events.headPosition();
    await caughtUp(first);

    const status = await first.status();
    expect(status).toMatchObject({ state: 'running', headPosition: head, lag: 0n, lagUnit: 'position', caughtUp: true });
    expect(status.position).toBeGreaterThanOrEqual(head);
    expect(status.lastError).toBeUndefined();
    await expectLiveMatchesReference();

    // A blue-green rebuild that reads the same ledger from EventStoreDB with readAll (pages, no
    // subscription) builds the same documents, and reads exactly the ledger events the projector did.
    const rebuiltStore = await openReadStore('rebuilt');
    const rebuilt = await rebuildProjections({
      eventStore: events,
      readStore: rebuiltStore,
      projections: INCIDENT_PROJECTIONS,
      pageSize: 500,
      batchEvents: 1000,
      dropDelayMs: 0,
    });
    expect(rebuilt.position).toBe(head);
    expect(rebuilt.eventsRead).toBe(status.eventsRead);
    const liveModels = await snapshotReadModels(live, INCIDENT_PROJECTIONS);
    expect(diffReadModels(await snapshotReadModels(rebuiltStore, INCIDENT_PROJECTIONS), liveModels)).toEqual([]);
  });

  it('keeps EventStoreDB commit positions as checkpoints, which read back as the same bigints after a reopen', async () => {
    await first.stop();
    const head = await events.headPosition();
    const ledgerRecords = server.records().filter((record) => isLedgerStream(record.stream) && !record.type.startsWith('$'));
    // Positions are the log's commit positions (byte-like, with gaps), not event counts.
    expect(head).toBe(ledgerRecords[ledgerRecords.length - 1]!.position);
    expect(head).toBeGreaterThan(BigInt(server.records().length));

    const lanes = (await first.status()).projections;
    expect(lanes).toHaveLength(INCIDENT_PROJECTIONS.length);
    const positions = logPositions();
    for (const lane of lanes) {
      const stored = await live.readCheckpoint(lane.collection);
      expect(typeof stored).toBe('bigint');
      expect(stored).toBe(lane.position);
      // The subscription's last checkpoint: the position of the last record in $all, past the head.
      expect(positions.has(stored!)).toBe(true);
      expect(stored!).toBeGreaterThanOrEqual(head);
    }

    await live.close();
    live = await openReadStore('live');
    for (const lane of lanes) {
      const reread = await live.readCheckpoint(lane.collection);
      expect(typeof reread).toBe('bigint');
      expect(reread).toBe(lane.position);
    }
  });

  it('reports lag while behind, and after a restart applies only the events appended while it was stopped', async () => {
    await first.stop();
    const before = await first.status();
    expect(before).toMatchObject({ state: 'stopped', lag: 0n });

    const appended = await appendSyntheticLedger(events, { events: 400, seed: 32, foreignEvery: 40 });
    foreignNoise();
    const head = await events.headPosition();

    // The stopped projector still knows its checkpoints: it is behind by the log distance to the head.
    const stopped = await first.status();
    expect(stopped.headPosition).toBe(head);
    expect(stopped.position).toBe(before.position);
    expect(stopped.lag).toBe(head - before.position);
    expect(stopped.lag!).toBeGreaterThan(0n);

    // A new projector on a reopened store, whose subscription is held: it starts from the stored
    // checkpoints and reports the lag before it has caught up.
    await live.close();
    live = await openReadStore('live');
    const gated = new GatedEventStore(events);
    gated.holdAfter(-1n);
    const second = projectors.create({ eventStore: gated, readStore: live });
    await second.start();
    const behind = await second.status();
    expect(behind).toMatchObject({
      position: before.position,
      headPosition: head,
      lag: head - before.position,
      caughtUp: false,
      eventsRead: 0,
    });
    expect(behind.lag!).toBeGreaterThan(0n);
    for (const lane of behind.projections) expect(lane.position).toBe(before.position);

    gated.release();
    expect(await second.waitForPosition(head, 20_000)).toBe(true);
    await caughtUp(second);
    const after = await second.status();
    expect(after).toMatchObject({ lag: 0n, caughtUp: true, eventsRead: appended.events + appended.foreignEvents });
    for (const lane of after.projections) expect(lane.eventsProcessed).toBe(appended.events);
    expect(gated.subscriptionsOpened).toBe(1);
    await second.stop();
    await expectLiveMatchesReference();
  });

  it('follows a blue-green rebuild read from EventStoreDB while appends go on, from the rebuilt checkpoints', async () => {
    const running = projectors.create({ switchCheckMs: 20 });
    await running.start();
    expect(await running.waitForPosition(await events.headPosition(), 20_000)).toBe(true);
    const previous = (await running.status()).projections.map((p) => p.collection).sort();

    const writing = appendSyntheticLedger(events, { events: 300, seed: 33, foreignEvery: 30 });
    const result = await rebuildProjections({
      eventStore: events,
      readStore: live,
      projections: INCIDENT_PROJECTIONS,
      pageSize: 300,
      batchEvents: 600,
      dropDelayMs: 100,
    });
    await writing;
    foreignNoise();
    // Read-your-writes with the commit position a command returns.
    const position = await recordIncidentsThroughExecutor(events, 1);
    expect(position).toBe(await events.headPosition());
    expect(await running.waitForPosition(position, 20_000)).toBe(true);

    const status = await running.status();
    const rebuiltCollections = result.collections.map((c) => c.collection).sort();
    expect(status.projections.map((p) => p.collection).sort()).toEqual(rebuiltCollections);
    expect(result.collections.map((c) => c.previous).sort()).toEqual(previous);
    expect(await live.listCollections()).toEqual(rebuiltCollections);
    for (const name of previous) expect(await live.readCheckpoint(name)).toBeUndefined();
    await expectLiveMatchesReference();
  });

  it('keeps projecting across an EventStoreDB restart in the middle of the catch-up', async () => {
    const readStore = await openReadStore('outage');
    const head = await events.headPosition();
    const all = await events.readAll({ maxCount: 100_000 });
    const mid = all[Math.floor(all.length / 2)]!.position;
    let resubscriptions = 0;
    const own = await connectEsdbEventStore({
      connectionString: server.connectionString,
      subscriptionRetry: { initialDelayMs: 20, maxDelayMs: 200 },
      onSubscriptionRetry: () => resubscriptions++,
    });
    clients.push(own);
    const gated = new GatedEventStore(own);
    gated.holdAfter(mid);
    const running = projectors.create({ eventStore: gated, readStore });
    await running.start();
    expect(await running.waitForPosition(mid, 20_000)).toBe(true);

    // Every connection drops while the subscription is half-way; the client reconnects by itself
    // and the subscription resumes after the last position it delivered.
    await server.restart();
    gated.release();
    expect(await running.waitForPosition(head, 30_000)).toBe(true);
    const position = await recordIncidentsThroughExecutor(events, 1);
    expect(await running.waitForPosition(position, 20_000)).toBe(true);
    await running.stop();
    expect(resubscriptions).toBeGreaterThan(0);

    expect(diffReadModels(await snapshotReadModels(readStore, INCIDENT_PROJECTIONS), await reference())).toEqual([]);
  });

  it('projects from EventStoreDB into MongoDB, the production pairing, with commit positions as checkpoints', async () => {
    mongo = await MongoTestServer.start();
    const readStore = await MongoReadStore.connect({ uri: mongo.uri, database: 'esdb_ledger' });
    stores.push(readStore);
    const running = projectors.create({ readStore, batchSize: 500, catchUpBatchSize: 5000 });
    await running.start();
    const head = await events.headPosition();
    expect(await running.waitForPosition(head, 30_000)).toBe(true);
    await running.stop();

    const positions = logPositions();
    for (const lane of (await running.status()).projections) {
      const stored = await readStore.readCheckpoint(lane.collection);
      expect(typeof stored).toBe('bigint');
      expect(stored).toBe(lane.position);
      expect(positions.has(stored!)).toBe(true);
    }
    expect(diffReadModels(await snapshotReadModels(readStore, INCIDENT_PROJECTIONS), await reference())).toEqual([]);
  });
});
