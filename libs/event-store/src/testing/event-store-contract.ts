import type { EventStore, EventSubscription, JsonObject, RecordedEvent } from '../event-store';
import { WrongExpectedRevisionError } from '../errors';
import {
  appendMarker,
  eventIds,
  newEvent,
  newEvents,
  newStream,
  ownEvents,
  rejectionOf,
} from './fixtures';
import { SubscriptionProbe } from './subscription-probe';

export type EventStoreHarness = {
  /** Creates a fresh, empty store (unique namespace/dir each time). */
  create(): Promise<EventStore>;
  /** Closes the given store and opens a new one on the same data; undefined if the target cannot reopen. */
  reopen?(store: EventStore): Promise<EventStore>;
  /** Optional teardown after all tests. */
  dispose?(): Promise<void>;
};

/**
 * The behaviour every EventStore adapter must show. Call it from an adapter's *.int.spec.ts.
 *
 * Written for stores shared with other data: every test uses its own `incident-<uuid>` streams,
 * filters readAll and subscription results down to them, and only compares positions relative to
 * each other or to positions it obtained itself (never computed ones such as `position - 1n`, which
 * need not be valid positions in EventStoreDB). It never assumes positions start at 1.
 *
 * `harness` is called in beforeAll, so it may use resources that are started there (a test server).
 * Stores created through it are closed after each test; closing one twice must be harmless.
 * Durability tests pass trivially when the harness has no `reopen`.
 */
export function describeEventStoreContract(name: string, harness: () => EventStoreHarness): void {
  describe(`EventStore contract: ${name}`, () => {
    let target: EventStoreHarness;
    let stores: EventStore[] = [];
    let subscriptions: EventSubscription[] = [];

    beforeAll(() => {
      target = harness();
    });

    afterEach(async () => {
      for (const subscription of subscriptions) await subscription.close().catch(() => undefined);
      for (const store of stores) await store.close().catch(() => undefined);
      subscriptions = [];
      stores = [];
    });

    afterAll(async () => {
      await target?.dispose?.();
    });

    const createStore = async (): Promise<EventStore> => {
      const store = await target.create();
      stores.push(store);
      return store;
    };

    const probe = (store: EventStore, after?: bigint): SubscriptionProbe => {
      const subscription = store.subscribeToAll(after === undefined ? {} : { after });
      subscriptions.push(subscription);
      return new SubscriptionProbe(subscription);
    };

    const expectConflict = async (
      promise: Promise<unknown>,
      expected: Pick<WrongExpectedRevisionError, 'stream' | 'expected' | 'actual'>,
    ): Promise<void> => {
      const error = await rejectionOf(promise);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      const { stream, expected: expectedRevision, actual } = error as WrongExpectedRevisionError;
      expect({ stream, expected: expectedRevision, actual }).toEqual(expected);
    };

    describe('append', () => {
      it("appends to a new stream with 'no_stream'", async () => {
        const store = await createStore();
        const stream = newStream();
        const event = newEvent({ hello: 'world' });

        const result = await store.append(stream, [event], 'no_stream');

        expect(result.nextExpectedRevision).toBe(0n);
        expect(typeof result.position).toBe('bigint');
        expect(result.position).toBeGreaterThan(0n);
        const read = await store.readStream(stream);
        expect(read).toHaveLength(1);
        expect(read[0]).toMatchObject({
          stream,
          revision: 0n,
          position: result.position,
          eventId: event.eventId,
          type: event.type,
        });
        expect(read[0].data).toStrictEqual(event.data);
        expect(read[0].metadata).toStrictEqual(event.metadata);
      });

      it('appends with the exact expected revision', async () => {
        const store = await createStore();
        const stream = newStream();
        const first = await store.append(stream, [newEvent({ n: 0 })], 'no_stream');
        const second = await store.append(stream, [newEvent({ n: 1 })], 0n);
        const third = await store.append(stream, [newEvent({ n: 2 })], 1n);

        expect([second.nextExpectedRevision, third.nextExpectedRevision]).toEqual([1n, 2n]);
        expect(second.position).toBeGreaterThan(first.position);
        expect(third.position).toBeGreaterThan(second.position);
        const read = await store.readStream(stream);
        expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
        expect(read.map((event) => event.data)).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
      });

      it("rejects 'no_stream' on an existing stream and writes nothing", async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, [newEvent()], 'no_stream');

        await expectConflict(store.append(stream, newEvents(2), 'no_stream'), {
          stream,
          expected: 'no_stream',
          actual: 0n,
        });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it('rejects a stale expected revision and writes nothing', async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, newEvents(3), 'no_stream');

        await expectConflict(store.append(stream, [newEvent()], 0n), {
          stream,
          expected: 0n,
          actual: 2n,
        });
        expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      });

      it('rejects an expected revision ahead of the stream and writes nothing', async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, [newEvent()], 'no_stream');

        await expectConflict(store.append(stream, [newEvent()], 5n), {
          stream,
          expected: 5n,
          actual: 0n,
        });
        expect(await store.readStream(stream)).toHaveLength(1);
      });

      it("rejects an expected revision on a missing stream with actual 'no_stream'", async () => {
        const store = await createStore();
        const stream = newStream();

        await expectConflict(store.append(stream, [newEvent()], 0n), {
          stream,
          expected: 0n,
          actual: 'no_stream',
        });
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('appends several events atomically: consecutive revisions, increasing positions', async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, [newEvent()], 'no_stream');
        const batch = newEvents(5, 1);

        const result = await store.append(stream, batch, 0n);

        const read = await store.readStream(stream, { fromRevision: 1n });
        expect(eventIds(read)).toEqual(eventIds(batch));
        expect(read.map((event) => event.revision)).toEqual([1n, 2n, 3n, 4n, 5n]);
        for (let i = 1; i < read.length; i++) {
          expect(read[i].position).toBeGreaterThan(read[i - 1].position);
        }
        expect(result.nextExpectedRevision).toBe(read[4].revision);
        expect(result.position).toBe(read[4].position);
      });

      it('writes none of a multi-event append that conflicts', async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, newEvents(2), 'no_stream');

        await expectConflict(store.append(stream, newEvents(4), 0n), {
          stream,
          expected: 0n,
          actual: 1n,
        });
        expect(await store.readStream(stream)).toHaveLength(2);
      });
    });

    describe('readStream', () => {
      const setup = async () => {
        const store = await createStore();
        const stream = newStream();
        const events = newEvents(5);
        await store.append(stream, events.slice(0, 2), 'no_stream');
        await store.append(stream, events.slice(2), 1n);
        // A neighbour whose name extends ours must not leak into our reads.
        await store.append(`${stream}-other`, [newEvent()], 'no_stream');
        return { store, stream, ids: eventIds(events) };
      };

      it('reads forwards from the start by default', async () => {
        const { store, stream, ids } = await setup();
        const read = await store.readStream(stream);
        expect(eventIds(read)).toEqual(ids);
        expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect(read.every((event) => event.stream === stream)).toBe(true);
      });

      it('reads forwards from a revision (inclusive) with maxCount', async () => {
        const { store, stream, ids } = await setup();
        expect(eventIds(await store.readStream(stream, { fromRevision: 2n }))).toEqual(ids.slice(2));
        expect(eventIds(await store.readStream(stream, { fromRevision: 2n, maxCount: 2 }))).toEqual(
          ids.slice(2, 4),
        );
        expect(eventIds(await store.readStream(stream, { maxCount: 1 }))).toEqual(ids.slice(0, 1));
        expect(await store.readStream(stream, { fromRevision: 5n })).toEqual([]);
      });

      it('reads backwards from the end by default', async () => {
        const { store, stream, ids } = await setup();
        const read = await store.readStream(stream, { direction: 'backwards' });
        expect(eventIds(read)).toEqual([...ids].reverse());
        expect(read.map((event) => event.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
      });

      it('reads backwards from a revision (inclusive) with maxCount', async () => {
        const { store, stream, ids } = await setup();
        const backwards = (options: { fromRevision?: bigint; maxCount?: number }) =>
          store.readStream(stream, { direction: 'backwards', ...options }).then(eventIds);
        expect(await backwards({ fromRevision: 2n })).toEqual([ids[2], ids[1], ids[0]]);
        expect(await backwards({ fromRevision: 3n, maxCount: 2 })).toEqual([ids[3], ids[2]]);
        expect(await backwards({ maxCount: 2 })).toEqual([ids[4], ids[3]]);
      });

      it('reads a missing stream as empty', async () => {
        const store = await createStore();
        const stream = newStream();
        expect(await store.readStream(stream)).toEqual([]);
        expect(await store.readStream(stream, { direction: 'backwards' })).toEqual([]);
        expect(await store.readStream(stream, { fromRevision: 3n, maxCount: 10 })).toEqual([]);
      });

      it('round-trips data and metadata exactly', async () => {
        const store = await createStore();
        const stream = newStream();
        const data: JsonObject = {
          text: 'Ünïcødé ✓ 日本語 😀 "quotes" \\ back\\slash \n newline \u0000 nul',
          empty: '',
          integer: 42,
          negative: -7,
          float: 3.141592653589793,
          big: 9007199254740991,
          tiny: 5e-324,
          exponent: 1.5e300,
          zero: 0,
          yes: true,
          no: false,
          nothing: null,
          list: [1, 'two', { three: [3] }, [], {}, null, false],
          nested: { deeper: { deepest: { value: 'bottom', items: [{ a: 1 }, { b: [2, { c: 3 }] }] } } },
          emptyObject: {},
          emptyArray: [],
          'key with spaces & ünïcødé': 'ok',
        };
        const metadata: JsonObject = {
          actor: { id: 'u-1', roles: ['responder', 'lead'] },
          correlationId: 'c-1',
          count: 0,
          flag: null,
        };
        const event = { ...newEvent(), data, metadata };
        const marker = await appendMarker(store);

        await store.append(stream, [event], 'no_stream');

        const [read] = await store.readStream(stream);
        expect(read.data).toStrictEqual(data);
        expect(read.metadata).toStrictEqual(metadata);
        expect(Object.keys(read.data)).toEqual(Object.keys(data));
        // Only positions the store handed out are used as bounds (EventStoreDB rejects made-up ones).
        const [viaAll] = ownEvents(await store.readAll({ after: marker.position, maxCount: 100 }), [stream]);
        expect(viaAll.data).toStrictEqual(data);
        expect(viaAll.metadata).toStrictEqual(metadata);
      });
    });

    describe('readAll', () => {
      /** a0 a1 | b0 | a2: interleaved appends to two streams, between two markers. */
      const setup = async () => {
        const store = await createStore();
        const start = await appendMarker(store);
        const a = newStream();
        const b = newStream();
        const [a0, a1, b0, a2] = newEvents(4);
        await store.append(a, [a0, a1], 'no_stream');
        await store.append(b, [b0], 'no_stream');
        await store.append(a, [a2], 1n);
        const end = await appendMarker(store);
        return { store, start, end, streams: [a, b], ids: eventIds([a0, a1, b0, a2]) };
      };

      const expectIncreasing = (events: readonly RecordedEvent[]) => {
        for (const [i, event] of events.entries()) {
          expect(typeof event.position).toBe('bigint');
          expect(event.position).toBeGreaterThan(0n);
          if (i > 0) expect(event.position).toBeGreaterThan(events[i - 1].position);
        }
      };

      it('reads forwards after a position (exclusive), in global order', async () => {
        const { store, start, end, streams, ids } = await setup();
        const read = await store.readAll({ after: start.position, maxCount: 100 });
        expectIncreasing(read);
        expect(read.every((event) => event.position > start.position)).toBe(true);
        expect(eventIds(ownEvents(read, streams))).toEqual(ids);
        expect(read.some((event) => event.position === end.position)).toBe(true);

        const [first] = ownEvents(read, streams);
        const next = await store.readAll({ after: first.position, maxCount: 1 });
        expect(next).toHaveLength(1);
        expect(next[0].position).toBeGreaterThan(first.position);
      });

      it('reads forwards by default', async () => {
        const { store, start } = await setup();
        const read = await store.readAll({ direction: 'forwards', after: start.position, maxCount: 3 });
        const defaulted = await store.readAll({ after: start.position, maxCount: 3 });
        expect(eventIds(defaulted)).toEqual(eventIds(read));
        expectIncreasing(read);
      });

      it('reads backwards before a position (exclusive), in reverse global order', async () => {
        const { store, start, end, streams, ids } = await setup();
        const read = await store.readAll({ direction: 'backwards', before: end.position, maxCount: 100 });
        expect(read.every((event) => event.position < end.position)).toBe(true);
        expectIncreasing([...read].reverse());
        const own = ownEvents(read, streams);
        expect(eventIds(own)).toEqual([...ids].reverse());

        const [last] = own;
        const previous = await store.readAll({ direction: 'backwards', before: last.position, maxCount: 1 });
        expect(previous).toHaveLength(1);
        expect(previous[0].position).toBeLessThan(last.position);
        expect(read.some((event) => event.position === start.position)).toBe(true);
      });

      it('pages forwards with maxCount without gaps or repeats', async () => {
        const { store, start, end, streams, ids } = await setup();
        const seen: RecordedEvent[] = [];
        let after = start.position;
        for (let pages = 0; after < end.position; pages++) {
          if (pages > 10_000) throw new Error('readAll paging did not reach the end marker');
          const page = await store.readAll({ after, maxCount: 2 });
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(2);
          expect(page[0].position).toBeGreaterThan(after);
          seen.push(...page);
          after = page[page.length - 1].position;
        }
        expectIncreasing(seen);
        expect(eventIds(ownEvents(seen, streams))).toEqual(ids);
      });

      it('pages backwards with maxCount without gaps or repeats', async () => {
        const { store, start, end, streams, ids } = await setup();
        const seen: RecordedEvent[] = [];
        let before = end.position;
        for (let pages = 0; before > start.position; pages++) {
          if (pages > 10_000) throw new Error('readAll paging did not reach the start marker');
          const page = await store.readAll({ direction: 'backwards', before, maxCount: 2 });
          expect(page.length).toBeGreaterThan(0);
          expect(page.length).toBeLessThanOrEqual(2);
          expect(page[0].position).toBeLessThan(before);
          seen.push(...page);
          before = page[page.length - 1].position;
        }
        expectIncreasing([...seen].reverse());
        expect(eventIds(ownEvents(seen, streams))).toEqual([...ids].reverse());
      });

      it('returns what readStream returns for the same events', async () => {
        const { store, start, streams } = await setup();
        const all = ownEvents(await store.readAll({ after: start.position, maxCount: 100 }), streams);
        const byStream = [
          ...(await store.readStream(streams[0])),
          ...(await store.readStream(streams[1])),
        ].sort((x, y) => (x.position < y.position ? -1 : 1));
        expect(all).toEqual(byStream);
      });
    });

    describe('headPosition', () => {
      it('advances with appends', async () => {
        const store = await createStore();
        const stream = newStream();
        const first = await store.append(stream, [newEvent()], 'no_stream');
        const head1 = await store.headPosition();
        expect(typeof head1).toBe('bigint');
        expect(head1).toBeGreaterThanOrEqual(first.position);

        const second = await store.append(stream, newEvents(3), 0n);
        const head2 = await store.headPosition();
        expect(second.position).toBeGreaterThan(head1);
        expect(head2).toBeGreaterThanOrEqual(second.position);
      });
    });

    describe('subscribeToAll', () => {
      it("catches up after a position (exclusive), then 'caught-up' once, then live events in order", async () => {
        const store = await createStore();
        const start = await appendMarker(store);
        const stream = newStream();
        const past = newEvents(3);
        await store.append(stream, past.slice(0, 2), 'no_stream');
        await store.append(stream, past.slice(2), 1n);

        const subscription = probe(store, start.position);
        const caughtUp = await subscription.untilCaughtUp();
        expect(caughtUp.events.every((event) => event.position > start.position)).toBe(true);
        expect(eventIds(ownEvents(caughtUp.events, [stream]))).toEqual(eventIds(past));
        expect(caughtUp.position).toBeGreaterThanOrEqual(
          caughtUp.events[caughtUp.events.length - 1].position,
        );

        const live = newEvents(3, 3);
        subscription.prefetch();
        await store.append(stream, live.slice(0, 1), 2n);
        await store.append(newStream(), [newEvent()], 'no_stream');
        await store.append(stream, live.slice(1), 3n);
        const received = await subscription.events(3, (event) => event.stream === stream);
        expect(eventIds(received)).toEqual(eventIds(live));
        expect(received.map((event) => event.revision)).toEqual([3n, 4n, 5n]);
        expect(received[0].position).toBeGreaterThan(caughtUp.position);
        expect(subscription.caughtUpCount).toBe(1);
      });

      it('delivers the same events to two concurrent subscribers', async () => {
        const store = await createStore();
        const start = await appendMarker(store);
        const streams = [newStream(), newStream()];
        const expected = newEvents(6);
        await store.append(streams[0], expected.slice(0, 2), 'no_stream');
        await store.append(streams[1], expected.slice(2, 3), 'no_stream');

        const one = probe(store, start.position);
        const two = probe(store, start.position);
        await Promise.all([one.untilCaughtUp(), two.untilCaughtUp()]);
        one.prefetch();
        two.prefetch();
        await store.append(streams[0], expected.slice(3, 5), 1n);
        await store.append(streams[1], expected.slice(5), 0n);

        const mine = (event: RecordedEvent) => streams.includes(event.stream);
        const seenBy = (subscriber: SubscriptionProbe) =>
          subscriber.items.flatMap((item) => (item.kind === 'event' && mine(item.event) ? [item.event] : []));
        const ofOne = seenBy(one);
        const ofTwo = seenBy(two);
        ofOne.push(...(await one.events(6 - ofOne.length, mine)));
        ofTwo.push(...(await two.events(6 - ofTwo.length, mine)));
        expect(eventIds(ofOne)).toEqual(eventIds(expected));
        expect(ofTwo).toEqual(ofOne);
      });

      it('delivers only newer events when subscribing from the head position', async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, newEvents(3), 'no_stream');
        const head = await store.headPosition();

        const subscription = probe(store, head);
        const caughtUp = await subscription.untilCaughtUp();
        expect(caughtUp.events.every((event) => event.position > head)).toBe(true);
        expect(ownEvents(caughtUp.events, [stream])).toEqual([]);

        const next = newEvent({ n: 3 });
        subscription.prefetch();
        await store.append(stream, [next], 2n);
        const [received] = await subscription.events(1, (event) => event.stream === stream);
        expect(received.eventId).toBe(next.eventId);
        expect(received.position).toBeGreaterThan(head);
      });

      it('delivers events appended during catch-up exactly once, in order', async () => {
        const store = await createStore();
        const start = await appendMarker(store);
        const stream = newStream();
        await store.append(stream, newEvents(10), 'no_stream');

        const subscription = probe(store, start.position);
        const firstItem = await subscription.next();
        expect(firstItem).not.toBe('done');
        const writing = (async () => {
          for (let revision = 10n; revision < 40n; revision++) {
            await store.append(stream, [newEvent({ n: Number(revision) })], revision - 1n);
          }
        })();
        const already = subscription.items.flatMap((item) =>
          item.kind === 'event' && item.event.stream === stream ? [item.event] : [],
        );
        const rest = await subscription.events(40 - already.length, (event) => event.stream === stream);
        await writing;
        const all = [...already, ...rest];
        expect(all.map((event) => event.revision)).toEqual(
          Array.from({ length: 40 }, (_, i) => BigInt(i)),
        );
        expect(eventIds(all)).toEqual(eventIds(await store.readStream(stream)));
      });

      it('ends a pending iteration when closed', async () => {
        const store = await createStore();
        await appendMarker(store);
        const head = await store.headPosition();
        const subscription = probe(store, head);
        await subscription.untilCaughtUp();

        const pending = subscription.next();
        await subscription.subscription.close();
        // Anything already on its way may still arrive, but the iteration must end.
        let item = await pending;
        while (item !== 'done') item = await subscription.next();
        expect(await subscription.next()).toBe('done');
      });

      it('ends a for-await loop when closed, and close is idempotent', async () => {
        const store = await createStore();
        const start = await appendMarker(store);
        const subscription = store.subscribeToAll({ after: start.position });
        subscriptions.push(subscription);
        let caughtUp = false;
        const loop = (async () => {
          for await (const item of subscription) {
            if (item.kind === 'caught-up') caughtUp = true;
          }
        })();
        const closer = (async () => {
          while (!caughtUp) await new Promise((resolve) => setTimeout(resolve, 5));
          await subscription.close();
          await subscription.close();
        })();
        await Promise.all([loop, closer]);
        expect(caughtUp).toBe(true);
      });
    });

    describe('concurrency', () => {
      it('lands 50 concurrent appends to 50 streams', async () => {
        const store = await createStore();
        const streams = Array.from({ length: 50 }, () => newStream());
        const events = streams.map((_, i) => newEvent({ i }));

        const results = await Promise.all(
          streams.map((stream, i) => store.append(stream, [events[i]], 'no_stream')),
        );

        expect(new Set(results.map((result) => result.position)).size).toBe(50);
        for (const [i, stream] of streams.entries()) {
          const read = await store.readStream(stream);
          expect(eventIds(read)).toEqual([events[i].eventId]);
          expect(read[0].position).toBe(results[i].position);
          expect(results[i].nextExpectedRevision).toBe(0n);
        }
      });

      it('lets exactly one of 20 concurrent appends with the same expected revision win', async () => {
        const store = await createStore();
        const stream = newStream();
        await store.append(stream, [newEvent()], 'no_stream');
        const contenders = Array.from({ length: 20 }, (_, i) => newEvents(2, i * 2));

        const outcomes = await Promise.allSettled(
          contenders.map((events) => store.append(stream, events, 0n)),
        );

        const winners = outcomes.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [i] : []));
        expect(winners).toHaveLength(1);
        const losers = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
        expect(losers).toHaveLength(19);
        for (const error of losers) {
          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ stream, expected: 0n, actual: 2n });
        }
        const read = await store.readStream(stream, { fromRevision: 1n });
        expect(eventIds(read)).toEqual(eventIds(contenders[winners[0]]));
      });
    });

    describe('durability', () => {
      it('reads back everything acknowledged before close after reopening, and continues', async () => {
        if (!target.reopen) return; // This target cannot reopen; nothing to check.
        const store = await createStore();
        const start = await appendMarker(store);
        const a = newStream();
        const b = newStream();
        await store.append(a, newEvents(2), 'no_stream');
        await Promise.all([
          store.append(b, [newEvent({ text: 'ünïcødé', list: [1, null, true] })], 'no_stream'),
          store.append(a, [newEvent({ n: 2 })], 1n),
        ]);
        const before = {
          a: await store.readStream(a),
          b: await store.readStream(b),
          all: ownEvents(await store.readAll({ after: start.position, maxCount: 100 }), [a, b]),
          head: await store.headPosition(),
        };

        const reopened = await target.reopen(store);
        stores.push(reopened);

        expect(await reopened.readStream(a)).toEqual(before.a);
        expect(await reopened.readStream(b)).toEqual(before.b);
        expect(
          ownEvents(await reopened.readAll({ after: start.position, maxCount: 100 }), [a, b]),
        ).toEqual(before.all);
        expect(await reopened.headPosition()).toBeGreaterThanOrEqual(before.head);

        await expectConflict(reopened.append(a, [newEvent()], 'no_stream'), {
          stream: a,
          expected: 'no_stream',
          actual: 2n,
        });
        const next = await reopened.append(a, [newEvent({ n: 3 })], 2n);
        expect(next.nextExpectedRevision).toBe(3n);
        expect(next.position).toBeGreaterThan(before.head);

        const subscription = probe(reopened, start.position);
        const { events } = await subscription.untilCaughtUp();
        const appendedAfterReopen = await reopened.readStream(a, { fromRevision: 3n });
        expect(ownEvents(events, [a, b])).toEqual([...before.all, ...appendedAfterReopen]);
      });
    });
  });
}
