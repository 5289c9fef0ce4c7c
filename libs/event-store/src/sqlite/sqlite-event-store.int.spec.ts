import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
import type { EventStore, EventToAppend } from '../event-store';
import { describeEventStoreContract } from '../testing/event-store-contract';
import { newEvent, newEvents, newStream, rejectionOf } from '../testing/fixtures';
import { SubscriptionProbe } from '../testing/subscription-probe';
import { DuplicateEventIdError } from './duplicate-event-id-error';
import { SqliteEventStore, type SqliteEventStoreOptions } from './sqlite-event-store';

const dirs: string[] = [];
const newDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-sqlite-'));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeEventStoreContract('SQLite', () => {
  const files = new WeakMap<EventStore, string>();
  return {
    async create() {
      const file = join(await newDir(), 'events.sqlite');
      const store = await SqliteEventStore.open({ file });
      files.set(store, file);
      return store;
    },
    async reopen(store) {
      const file = files.get(store);
      if (!file) throw new Error('Not a store of this harness');
      await store.close();
      const reopened = await SqliteEventStore.open({ file });
      files.set(reopened, file);
      return reopened;
    },
  };
});

describe('SqliteEventStore', () => {
  const open: SqliteEventStore[] = [];
  const openStore = async (
    options: Partial<Omit<SqliteEventStoreOptions, 'directory'>> = {},
  ): Promise<SqliteEventStore> => {
    const store = await SqliteEventStore.open({
      file: join(await newDir(), 'events.sqlite'),
      ...options,
    } as SqliteEventStoreOptions);
    open.push(store);
    return store;
  };
  const openSecond = async (
    first: SqliteEventStore,
    options: Partial<SqliteEventStoreOptions> = {},
  ): Promise<SqliteEventStore> => {
    const store = await SqliteEventStore.open({ ...options, file: first.storageSettings().file });
    open.push(store);
    return store;
  };

  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
  });

  describe('storage', () => {
    it('runs in WAL mode with synchronous=FULL, a busy timeout and a schema version', async () => {
      const store = await openStore({ busyTimeoutMs: 1234 });
      expect(store.storageSettings()).toMatchObject({
        journalMode: 'wal',
        synchronous: 2,
        busyTimeoutMs: 1234,
        schemaVersion: 1,
      });
    });

    it('opens on a data directory, creating it', async () => {
      const directory = join(await newDir(), 'nested', 'data');
      const store = await SqliteEventStore.open({ directory });
      open.push(store);
      expect(store.storageSettings().file).toBe(join(directory, 'events.sqlite'));
      await store.append(newStream(), [newEvent()], 'no_stream');
      expect(await store.headPosition()).toBe(1n);
    });

    it('starts empty: head 0, positions from 1', async () => {
      const store = await openStore();
      expect(await store.headPosition()).toBe(0n);
      expect(await store.readAll()).toEqual([]);
      expect(await store.readAll({ direction: 'backwards' })).toEqual([]);
      const first = await store.append(newStream(), newEvents(2), 'no_stream');
      const second = await store.append(newStream(), [newEvent()], 'no_stream');
      expect([first.position, second.position]).toEqual([2n, 3n]);
      expect((await store.readAll()).map((event) => event.position)).toEqual([1n, 2n, 3n]);
    });

    it('refuses UPDATE and DELETE on events at the SQL level', async () => {
      const store = await openStore();
      await store.append(newStream(), [newEvent()], 'no_stream');
      const raw = new Database(store.storageSettings().file);
      try {
        expect(() => raw.prepare("UPDATE events SET type = 'Forged'").run()).toThrow(/append-only/);
        expect(() => raw.prepare('DELETE FROM events').run()).toThrow(/append-only/);
      } finally {
        raw.close();
      }
      expect(await store.readAll()).toHaveLength(1);
      expect((await store.readAll())[0].type).toBe('ContractTestEvent');
    });

    it('refuses to open a file with a newer schema version', async () => {
      const store = await openStore();
      const file = store.storageSettings().file;
      await store.close();
      const raw = new Database(file);
      raw.pragma('user_version = 99');
      raw.close();
      await expect(SqliteEventStore.open({ file })).rejects.toThrow(/schema version 99/);
    });

    it('uses the default page size for readAll and honours maxCount', async () => {
      const store = await openStore({ pageSize: 3 });
      await store.append(newStream(), newEvents(5), 'no_stream');
      expect(await store.readAll()).toHaveLength(3);
      expect(await store.readAll({ maxCount: 5 })).toHaveLength(5);
      expect(await store.readAll({ maxCount: 0 })).toEqual([]);
    });
  });

  describe('group commit', () => {
    it('commits 100 concurrent appends in one transaction', async () => {
      const store = await openStore();
      const before = store.commitStats;

      const results = await Promise.all(
        Array.from({ length: 100 }, () => store.append(newStream(), [newEvent()], 'no_stream')),
      );

      const after = store.commitStats;
      expect(after.appends - before.appends).toBe(100);
      expect(after.transactions - before.transactions).toBe(1);
      expect(new Set(results.map((result) => result.position)).size).toBe(100);
      expect(await store.headPosition()).toBe(100n);
    });

    it('splits a long queue into batches of maxBatchAppends', async () => {
      const store = await openStore({ maxBatchAppends: 10 });
      await Promise.all(
        Array.from({ length: 100 }, () => store.append(newStream(), [newEvent()], 'no_stream')),
      );
      expect(store.commitStats).toMatchObject({ transactions: 10, appends: 100, events: 100 });
    });

    it('batches a steady stream of concurrent writers', async () => {
      const store = await openStore();
      const writers = Array.from({ length: 20 }, async () => {
        const stream = newStream();
        for (let revision = -1n; revision < 9n; revision++) {
          await store.append(stream, [newEvent()], revision < 0n ? 'no_stream' : revision);
        }
      });
      await Promise.all(writers);
      const { transactions, appends } = store.commitStats;
      expect(appends).toBe(200);
      expect(transactions).toBeLessThanOrEqual(20);
    });

    it('rejects a conflicting append in a batch without affecting its neighbours', async () => {
      const store = await openStore();
      const [s1, s2, s3] = [newStream(), newStream(), newStream()];
      const a = newEvent({ a: 1 });
      const c = newEvent({ c: 1 });
      const e = newEvent({ e: 1 });
      const before = store.commitStats;

      const outcomes = await Promise.allSettled([
        store.append(s1, [a], 'no_stream'),
        store.append(s1, [newEvent()], 'no_stream'), // conflicts with the append just before it
        store.append(s1, [c], 0n), // builds on the first append of the same batch
        store.append(s2, [newEvent(), { ...newEvent(), eventId: a.eventId }], 'no_stream'),
        store.append(s1, [newEvent()], 5n),
        store.append(s3, [e], 'no_stream'),
      ]);

      expect(store.commitStats.transactions - before.transactions).toBe(1);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'fulfilled',
        'rejected',
        'fulfilled',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      const reason = (i: number) => (outcomes[i] as PromiseRejectedResult).reason;
      expect(reason(1)).toBeInstanceOf(WrongExpectedRevisionError);
      expect(reason(1)).toMatchObject({ stream: s1, expected: 'no_stream', actual: 0n });
      expect(reason(3)).toBeInstanceOf(DuplicateEventIdError);
      expect(reason(4)).toMatchObject({ stream: s1, expected: 5n, actual: 1n });
      expect((await store.readStream(s1)).map((event) => event.eventId)).toEqual([a.eventId, c.eventId]);
      expect(await store.readStream(s2)).toEqual([]);
      expect((await store.readStream(s3)).map((event) => event.eventId)).toEqual([e.eventId]);
      expect(await store.headPosition()).toBe(3n); // the rolled-back append left no position behind
    });

    it('rejects an append whose own events repeat an id, writing none of them', async () => {
      const store = await openStore();
      const stream = newStream();
      const event = newEvent();
      const error = await rejectionOf(store.append(stream, [event, newEvent(), event], 'no_stream'));
      expect(error).toBeInstanceOf(DuplicateEventIdError);
      expect(await store.readStream(stream)).toEqual([]);
      await expect(store.append(stream, [event], 'no_stream')).resolves.toMatchObject({
        nextExpectedRevision: 0n,
      });
    });

    it('rejects invalid appends up front, without affecting the batch', async () => {
      const store = await openStore();
      const stream = newStream();
      const unserializable = { ...newEvent(), data: { big: 1n } } as unknown as EventToAppend;
      const outcomes = await Promise.allSettled([
        store.append(stream, [], 'no_stream'),
        store.append(stream, [newEvent()], 0 as unknown as bigint),
        store.append(stream, [unserializable], 'no_stream'),
        store.append(stream, [newEvent()], 'no_stream'),
      ]);
      expect(outcomes.map((outcome) => outcome.status)).toEqual([
        'rejected',
        'rejected',
        'rejected',
        'fulfilled',
      ]);
      expect((outcomes[0] as PromiseRejectedResult).reason).toBeInstanceOf(RangeError);
      expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
      expect((outcomes[2] as PromiseRejectedResult).reason).toBeInstanceOf(TypeError);
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });

  describe('sharing the file', () => {
    it('delivers appends made by another instance to a live subscriber (polling)', async () => {
      const writer = await openStore();
      const reader = await openSecond(writer, { pollIntervalMs: 20 });
      const subscription = new SubscriptionProbe(reader.subscribeToAll());
      await subscription.untilCaughtUp();

      const stream = newStream();
      const events = newEvents(3);
      subscription.prefetch(); // the reader is now asleep; only its poll can see the other instance's commit
      await writer.append(stream, events.slice(0, 1), 'no_stream');
      await writer.append(stream, events.slice(1), 0n);

      const received = await subscription.events(3, (event) => event.stream === stream);
      expect(received.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
      await subscription.subscription.close();
    });

    it('keeps optimistic concurrency across instances', async () => {
      const one = await openStore();
      const two = await openSecond(one);
      const stream = newStream();
      await one.append(stream, [newEvent()], 'no_stream');

      await expect(two.append(stream, [newEvent()], 'no_stream')).rejects.toMatchObject({
        name: 'WrongExpectedRevisionError',
        actual: 0n,
      });
      const outcomes = await Promise.allSettled([
        one.append(stream, [newEvent()], 0n),
        two.append(stream, [newEvent()], 0n),
      ]);
      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      expect((await one.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n]);
      expect(await two.headPosition()).toBe(await one.headPosition());
    });

    it('fails with EventStoreUnavailableError while another process holds the write lock', async () => {
      const store = await openStore({ busyTimeoutMs: 50 });
      const raw = new Database(store.storageSettings().file);
      const stream = newStream();
      try {
        raw.exec('BEGIN IMMEDIATE');
        const error = await rejectionOf(store.append(stream, [newEvent()], 'no_stream'));
        expect(error).toBeInstanceOf(EventStoreUnavailableError);
        expect(String((error as Error).message)).toMatch(/SQLITE_BUSY/);
      } finally {
        raw.exec('ROLLBACK');
        raw.close();
      }
      expect(await store.readStream(stream)).toEqual([]);
      await expect(store.append(stream, [newEvent()], 'no_stream')).resolves.toBeDefined();
    });
  });

  describe('subscriptions', () => {
    it('catches up across several pages, from the start by default', async () => {
      const store = await openStore({ pageSize: 2 });
      const stream = newStream();
      await store.append(stream, newEvents(7), 'no_stream');

      const subscription = new SubscriptionProbe(store.subscribeToAll());
      const { events, position } = await subscription.untilCaughtUp();
      expect(events.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n, 6n]);
      expect(position).toBe(7n);
      await subscription.subscription.close();
    });

    it("reports 'caught-up' at the start position when there is nothing to catch up", async () => {
      const store = await openStore();
      const subscription = new SubscriptionProbe(store.subscribeToAll({ after: 0n }));
      expect(await subscription.next()).toEqual({ kind: 'caught-up', position: 0n });
      await subscription.subscription.close();
    });

    it('wakes live subscribers on a local commit without waiting for the poll', async () => {
      // With polling effectively off, only the in-process notification can deliver the event.
      const store = await openStore({ pollIntervalMs: 3_600_000 });
      const subscription = new SubscriptionProbe(store.subscribeToAll());
      await subscription.untilCaughtUp();
      const pending = subscription.next();
      const event = newEvent();
      await store.append(newStream(), [event], 'no_stream');
      expect(await pending).toMatchObject({ kind: 'event', event: { eventId: event.eventId } });
      await subscription.subscription.close();
    });

    it('ends live subscriptions when the store closes', async () => {
      const store = await openStore();
      const subscription = new SubscriptionProbe(store.subscribeToAll());
      await subscription.untilCaughtUp();
      const pending = subscription.next();
      await store.close();
      expect(await pending).toBe('done');
    });
  });

  describe('close', () => {
    it('flushes queued appends before closing', async () => {
      const store = await openStore();
      const file = store.storageSettings().file;
      const streams = Array.from({ length: 10 }, () => newStream());
      const appends = streams.map((stream) => store.append(stream, [newEvent()], 'no_stream'));

      await store.close();

      await expect(Promise.all(appends)).resolves.toHaveLength(10);
      const reopened = await SqliteEventStore.open({ file });
      open.push(reopened);
      for (const stream of streams) expect(await reopened.readStream(stream)).toHaveLength(1);
    });

    it('rejects use after close with EventStoreUnavailableError', async () => {
      const store = await openStore();
      await store.close();
      await store.close();
      await expect(store.append(newStream(), [newEvent()], 'no_stream')).rejects.toBeInstanceOf(
        EventStoreUnavailableError,
      );
      await expect(store.readStream(newStream())).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.readAll()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      await expect(store.headPosition()).rejects.toBeInstanceOf(EventStoreUnavailableError);
      expect(() => store.subscribeToAll()).toThrow(EventStoreUnavailableError);
    });
  });
});
