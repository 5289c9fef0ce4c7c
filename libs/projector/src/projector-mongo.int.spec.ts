import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type EventStore } from '@ledger/event-store';
import { INCIDENT_PROJECTIONS, versionedName } from '@ledger/projections';
import {
  MongoReadStore,
  SqliteReadStore,
  type Checkpoint,
  type MongoReadStoreOptions,
  type ReadStore,
  type ReadWrite,
} from '@ledger/read-store';
import { MongoTestServer } from '../../../test/support/mongo-test-server';
import type { Projector } from './projector';
import type { ProjectorOptions } from './projector-options';
import type { ProjectorStatus } from './projector-status';
import { rebuildProjections } from './rebuild';
import {
  appendSyntheticLedger,
  diffReadModels,
  documentCount,
  hookCommits,
  InMemoryReadStore,
  readLedgerEvents,
  recordIncidentsThroughExecutor,
  referenceReadModels,
  snapshotReadModels,
  waitUntil,
  type CrashPlan,
  type ReadModelSnapshot,
} from './testing';
import { GatedEventStore, TestProjectors } from './testing/projector-harness';

const POISON = 'crash_poison';

/**
 * A projector process that dies in the middle of a commit, on the real MongoDB path: the chosen
 * commit (see CrashPlan) is sent with only its first `afterWrites` writes followed by a write that
 * the server refuses (a unique-index clash in a collection of its own), so MongoDB itself cuts the
 * commit short. With transactions the server aborts the whole transaction; without, the writes
 * before the clash stay and the checkpoint is never written. After that the "process" is dead:
 * every call fails until a new one connects.
 */
class MongoCrash {
  private down = false;
  /** The writes the dying commit carried, how many were sent before the clash, and what the commit did. */
  crashed: { writes: readonly ReadWrite[]; sent: number; outcome: string } | undefined;
  private remaining: number;

  constructor(private readonly plan: CrashPlan) {
    this.remaining = plan.onCommit ?? 1;
  }

  /** Prepares the collection whose unique index makes the clash. */
  static async arm(store: ReadStore): Promise<void> {
    await store.ensureCollection(POISON, [{ name: 'by_key', keys: [{ field: 'key', direction: 'asc' }], unique: true }]);
    await store.commit([{ collection: POISON, type: 'put', document: { id: 'taken', key: 1 } }]);
  }

  wrap(inner: ReadStore): ReadStore {
    return hookCommits(inner, (writes, checkpoint, commit) => this.commit(writes, checkpoint, commit), () => {
      if (this.down) throw new Error('injected: the projector process is dead');
    });
  }

  private async commit(
    writes: readonly ReadWrite[],
    checkpoint: Checkpoint | undefined,
    commit: ReadStore['commit'],
  ): Promise<void> {
    const { plan } = this;
    const due = (plan.where === undefined || plan.where(writes, checkpoint)) && --this.remaining === 0;
    if (!due) return commit(writes, checkpoint);
    const { afterWrites } = plan;
    const sent = typeof afterWrites === 'function' ? afterWrites(writes.length) : (afterWrites ?? Math.floor(writes.length / 2));
    this.down = true;
    const clash: ReadWrite = { collection: POISON, type: 'put', document: { id: 'clash', key: 1 } };
    const outcome = await commit([...writes.slice(0, sent), clash], checkpoint).then(
      () => 'committed',
      (error: unknown) => (error as Error).name,
    );
    this.crashed = { writes, sent, outcome };
    throw new Error(`injected crash after ${sent} of ${writes.length} writes (the server answered ${outcome})`);
  }
}

/**
 * The projector and the blue-green rebuild writing through MongoReadStore (the real mongodb driver)
 * to the wire-level MongoDB test server: once on the replica set with transactions (atomic commits),
 * once with transactions turned off (writes, then the checkpoint: idempotency must carry crashes).
 * The ledger is on the embedded event store; the yardsticks are the same ledger projected into the
 * SQLite read store, and a full rebuild.
 */
describe('Projector writing to MongoDB (real driver, wire-level test server)', () => {
  let server: MongoTestServer;
  let dir: string;
  let events: SqliteEventStore;
  let head: bigint;
  let sqliteModels: ReadModelSnapshot;
  let rebuiltModels: ReadModelSnapshot;
  const stores: ReadStore[] = [];

  // Small batches: many commits, batches that split incidents.
  const projectors = new TestProjectors(() => ({ batchSize: 97, catchUpBatchSize: 97 }));
  const projector = (eventStore: EventStore, readStore: ReadStore, options: Partial<ProjectorOptions> = {}): Projector =>
    projectors.create({ eventStore, readStore, ...options });
  /** Projects the whole ledger from the store's checkpoints; the status once there. */
  const projectToHead = async (readStore: ReadStore, options: Partial<ProjectorOptions> = {}): Promise<ProjectorStatus> => {
    const running = projector(events, readStore, options);
    await running.start();
    expect(await running.waitForPosition(head, 30_000)).toBe(true);
    const status = await running.status();
    await running.stop();
    return status;
  };

  beforeAll(async () => {
    server = await MongoTestServer.start();
    dir = mkdtempSync(join(tmpdir(), 'projector-mongo-'));
    events = await SqliteEventStore.open({ directory: dir, maxBatchAppends: 5000 });
    await recordIncidentsThroughExecutor(events, 2);
    await appendSyntheticLedger(events, { events: 1500, seed: 41, foreignEvery: 60 });
    head = await events.headPosition();

    const sqlite = await SqliteReadStore.open({ directory: dir });
    await projectToHead(sqlite);
    sqliteModels = await snapshotReadModels(sqlite, INCIDENT_PROJECTIONS);
    await sqlite.close();
    const fresh = new InMemoryReadStore();
    await rebuildProjections({ eventStore: events, readStore: fresh, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 });
    rebuiltModels = await snapshotReadModels(fresh, INCIDENT_PROJECTIONS);
    // The yardsticks agree with each other and with the reference projector.
    expect(diffReadModels(sqliteModels, rebuiltModels)).toEqual([]);
    expect(diffReadModels(rebuiltModels, referenceReadModels(await readLedgerEvents(events), INCIDENT_PROJECTIONS))).toEqual([]);
  }, 60_000);

  afterEach(async () => {
    await projectors.stopAll();
  });

  afterAll(async () => {
    for (const store of stores.splice(0)) await store.close();
    await events?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each([
    ['replica set, commits in transactions', 'auto', true],
    ['transactions off (writes, then the checkpoint)', 'never', false],
  ] as const)('%s', (_mode, transactions: MongoReadStoreOptions['transactions'], atomic) => {
    const prefix = atomic ? 'txn' : 'plain';
    let live: ReadStore;
    let liveStatus: ProjectorStatus;
    let databases = 0;
    const connect = async (database: string): Promise<MongoReadStore> => {
      const store = await MongoReadStore.connect({ uri: server.uri, database, transactions });
      stores.push(store);
      return store;
    };

    beforeAll(async () => {
      live = await connect(`${prefix}_live`);
      // The production batch sizes: the backlog in one batch, so each commit carries thousands of writes.
      liveStatus = await projectToHead(live, { batchSize: 500, catchUpBatchSize: 5000 });
    }, 60_000);

    it('projects the ledger from zero into MongoDB, document for document what the SQLite read store holds', async () => {
      expect(live.capabilities.atomicCommit).toBe(atomic);
      expect(liveStatus).toMatchObject({ position: head, headPosition: head, lag: 0n, eventsRead: Number(head) });
      expect(liveStatus.lastError).toBeUndefined();
      const models = await snapshotReadModels(live, INCIDENT_PROJECTIONS);
      expect(diffReadModels(models, sqliteModels)).toEqual([]);
      expect(documentCount(models)).toBeGreaterThan(1500);
      const collections = INCIDENT_PROJECTIONS.map((p) => versionedName(p)).sort();
      expect(await live.listCollections()).toEqual(collections);
      for (const collection of collections) expect(await live.readCheckpoint(collection)).toBe(head);
    });

    it('a projector restarted on a new connection continues from its checkpoints', async () => {
      const database = `${prefix}_restart`;
      const mid = head / 2n;
      const gated = new GatedEventStore(events);
      gated.holdAfter(mid);
      const first = projector(gated, await connect(database));
      await first.start();
      expect(await first.waitForPosition(mid, 30_000)).toBe(true);
      await first.stop();
      for (const lane of (await first.status()).projections) expect(lane.position).toBe(mid);

      const reconnected = await connect(database);
      const second = projector(events, reconnected);
      await second.start();
      expect(await second.waitForPosition(head, 30_000)).toBe(true);
      const status = await second.status();
      // Positions on the embedded store are consecutive: exactly the events past the checkpoints are read.
      expect(status.eventsRead).toBe(Number(head - mid));
      const incidentEventsAfter = (await readLedgerEvents(events)).filter((e) => e.position > mid).length;
      for (const lane of status.projections) {
        expect(lane.position).toBe(head);
        expect(lane.eventsProcessed).toBe(incidentEventsAfter);
      }
      expect(diffReadModels(await snapshotReadModels(reconnected, INCIDENT_PROJECTIONS), sqliteModels)).toEqual([]);
    });

    it('replaying the whole ledger onto the same documents writes nothing and changes nothing', async () => {
      const before = await snapshotReadModels(live, INCIDENT_PROJECTIONS);
      // Lose every checkpoint: the next projector applies every event again.
      for (const collection of await live.listCollections()) await live.deleteCheckpoint(collection);

      const status = await projectToHead(live);

      for (const lane of status.projections) {
        expect(lane.eventsProcessed).toBe(liveStatus.projections.find((p) => p.projection === lane.projection)!.eventsProcessed);
        expect(lane.documentsWritten).toBe(0);
      }
      expect(diffReadModels(await snapshotReadModels(live, INCIDENT_PROJECTIONS), before)).toEqual([]);
    });

    it('a rebuild in several commits equals the live read models, moves a running projector and drops the old ones', async () => {
      const before = await snapshotReadModels(live, INCIDENT_PROJECTIONS);
      const following = projector(events, live, { switchCheckMs: 20 });
      await following.start();
      expect(await following.waitForPosition(head, 30_000)).toBe(true);
      const commits = new Map<string, number>();
      const counting = hookCommits(live, async (writes, checkpoint, commit) => {
        if (checkpoint !== undefined) commits.set(checkpoint.name, (commits.get(checkpoint.name) ?? 0) + 1);
        await commit(writes, checkpoint);
      });

      const result = await rebuildProjections({
        eventStore: events,
        readStore: counting,
        projections: INCIDENT_PROJECTIONS,
        pageSize: 250,
        batchEvents: 500,
        maxPendingWrites: 40,
        dropDelayMs: 100,
      });

      expect(result.position).toBe(head);
      const rebuiltCollections = result.collections.map((c) => c.collection).sort();
      for (const projection of INCIDENT_PROJECTIONS) {
        const rebuilt = result.collections.find((c) => c.projection === projection.name)!;
        expect(rebuilt.collection).toMatch(new RegExp(`^${versionedName(projection)}_r\\d+$`));
        expect(rebuilt.previous).toBe(versionedName(projection));
        expect(commits.get(rebuilt.collection)).toBeGreaterThan(1);
        expect(await live.getActiveCollection(projection.name)).toBe(rebuilt.collection);
        expect(await live.readCheckpoint(rebuilt.collection)).toBe(head);
        expect(await live.readCheckpoint(rebuilt.previous!)).toBeUndefined();
      }
      await waitUntil(
        async () => (await following.status()).projections.map((p) => p.collection).sort().join() === rebuiltCollections.join(),
        20_000,
        'the running projector to follow the switch',
      );
      expect(await following.waitForPosition(head, 30_000)).toBe(true);
      await following.stop();
      expect(await live.listCollections()).toEqual(rebuiltCollections);
      expect(diffReadModels(await snapshotReadModels(live, INCIDENT_PROJECTIONS), before)).toEqual([]);
    });

    const anyWrites = (writes: readonly ReadWrite[]): boolean => writes.length > 1;
    const intervals = (writes: readonly ReadWrite[]): boolean =>
      writes.some((w) => w.collection.startsWith('incident_intervals') && w.type === 'put' && !w.document.id.endsWith(':clock'));
    const crashes: [string, CrashPlan][] = [
      ['on the very first commit, before any write', { onCommit: 1, afterWrites: 0 }],
      ['after one write of a batch', { onCommit: 5, where: anyWrites, afterWrites: 1 }],
      ['after half of the writes', { onCommit: 11, where: anyWrites }],
      ['after all writes, before the checkpoint', { onCommit: 17, where: anyWrites, afterWrites: (n) => n }],
      ['late in the interval clocks, after their facts', { onCommit: 3, where: intervals, afterWrites: (n) => n - 2 }],
    ];

    it.each(crashes)('after a crash %s, a restart completes the read models into a full rebuild', async (_case, plan) => {
      const database = `${prefix}_crash_${++databases}`;
      const crash = new MongoCrash(plan);
      const dying = await connect(database);
      await MongoCrash.arm(dying);
      const doomed = projector(events, crash.wrap(dying));
      await doomed.start();
      await waitUntil(() => crash.crashed !== undefined, 20_000, 'the injected crash');
      await doomed.stop();
      await dying.close();

      // What the crash left behind, seen from a new process. The server refused the commit; without
      // transactions the writes sent before the clash stayed (the projector writes only changed
      // documents), with them none did.
      const restartedStore = await connect(database);
      const { writes, sent, outcome } = crash.crashed!;
      expect(outcome).toBe('ReadStoreConflictError');
      for (const write of writes.slice(0, sent)) {
        if (write.type !== 'put') continue;
        const stored = await restartedStore.get(write.collection, write.document.id);
        if (atomic) expect(stored).not.toEqual(write.document);
        else expect(stored).toEqual(write.document);
      }
      if (atomic) {
        // The transaction was rolled back: every collection is exactly the reference up to its checkpoint.
        const all = await readLedgerEvents(events);
        for (const projection of INCIDENT_PROJECTIONS) {
          const checkpoint = (await restartedStore.readCheckpoint(versionedName(projection))) ?? 0n;
          const expected = referenceReadModels(all.filter((e) => e.position <= checkpoint), [projection]);
          expect(diffReadModels(await snapshotReadModels(restartedStore, [projection]), expected)).toEqual([]);
        }
      }

      const restarted = projector(events, restartedStore);
      await restarted.start();
      expect(await restarted.waitForPosition(head, 30_000)).toBe(true);
      await restarted.stop();
      expect(diffReadModels(await snapshotReadModels(restartedStore, INCIDENT_PROJECTIONS), rebuiltModels)).toEqual([]);
    });
  });
});
