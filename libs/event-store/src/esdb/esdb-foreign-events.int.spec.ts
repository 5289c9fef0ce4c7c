import { randomUUID } from 'node:crypto';
import { EsdbTestServer } from '@ledger/test-support';
import type { SubscriptionItem } from '../event-store';
import { isLedgerStream } from '../streams';
import { appendMarker, eventIds, newEvent, newEvents, newStream, ownEvents } from '../testing/fixtures';
import { SubscriptionProbe } from '../testing/subscription-probe';
import { connectEsdbEventStore } from './connect-esdb-event-store';
import type { EsdbEventStore } from './esdb-event-store';

/** $all in a shared EventStoreDB: other applications' streams, system events, strays in ledger streams. */
describe('EsdbEventStore among other applications and system events', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const probes: SubscriptionProbe[] = [];

  beforeAll(async () => {
    server = await EsdbTestServer.start();
    store = await connectEsdbEventStore({ connectionString: server.connectionString });
  });

  afterEach(async () => {
    for (const probe of probes.splice(0)) await probe.subscription.close();
  });

  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  const subscribe = (after: bigint) => {
    const probe = new SubscriptionProbe(store.subscribeToAll({ after }));
    probes.push(probe);
    return probe;
  };

  const foreign = (count: number, type = 'OrderPlaced') =>
    server.appendForeign(`orders-${randomUUID()}`, Array.from({ length: count }, (_, n) => ({ type, data: { n } })));

  /** Writes that are not ledger events, including some that a stream-name filter alone lets through. */
  const noise = () => [
    ...foreign(40),
    ...server.appendForeign('$stats-127.0.0.1:2113', [{ type: '$statsCollected', data: {} }]),
    ...server.appendForeign(`$$incident-${randomUUID()}`, [{ type: '$metadata', data: { $tb: 1 } }]),
    ...server.appendForeign(`incident-${randomUUID()}`, [{ type: '$>', data: Buffer.from('0@elsewhere') }]),
    ...server.appendForeign(`ledger-${randomUUID()}`, [{ type: 'Binary', data: Buffer.from([0, 1, 2]) }]),
  ];

  it('reads only ledger events from $all, in both directions, and headPosition ignores the rest', async () => {
    const start = await appendMarker(store);
    const stream = newStream();
    const mine = newEvents(3);
    await store.append(stream, mine.slice(0, 2), 'no_stream');
    const between = noise();
    const last = await store.append(stream, mine.slice(2), 1n);
    const [afterLast] = noise();

    const forwards = await store.readAll({ after: start.position, maxCount: 1000 });
    const backwards = await store.readAll({ direction: 'backwards', before: afterLast, maxCount: 3 });
    const paged = await store.readAll({ after: (await store.readStream(stream))[1].position, maxCount: 1 });

    expect(forwards.every((event) => isLedgerStream(event.stream) && !event.type.startsWith('$'))).toBe(true);
    expect(eventIds(ownEvents(forwards, [stream]))).toEqual(eventIds(mine));
    expect(forwards.some((event) => between.includes(event.position))).toBe(false);
    expect(eventIds(backwards)).toEqual(eventIds([...mine].reverse()));
    expect(eventIds(paged)).toEqual([mine[2].eventId]);
    expect(await store.headPosition()).toBe(last.position);
  });

  it('skips them in subscriptions, and checkpoints carry the position across them', async () => {
    const start = await appendMarker(store);
    const quiet = [...noise(), ...foreign(60, 'InvoiceSent')];
    const subscription = subscribe(start.position);

    const caughtUp = await subscription.untilCaughtUp();

    expect(caughtUp.events).toEqual([]);
    const checkpoints = subscription.items.filter((item) => item.kind === 'checkpoint');
    expect(checkpoints.length).toBeGreaterThan(1);
    expect(caughtUp.position).toBe(quiet[quiet.length - 1]);

    subscription.prefetch();
    const live = foreign(100, 'InvoicePaid');
    let reached = caughtUp.position;
    while (reached < live[50]) {
      const item = (await subscription.next()) as SubscriptionItem;
      expect(item.kind).toBe('checkpoint');
      reached = (item as Extract<SubscriptionItem, { kind: 'checkpoint' }>).position;
    }
    expect(live.includes(reached)).toBe(true);

    // Resuming from a checkpoint misses nothing that follows it.
    const resumed = subscribe(reached);
    await resumed.untilCaughtUp();
    const stream = newStream();
    const next = newEvent({ after: 'checkpoint' });
    resumed.prefetch();
    await store.append(stream, [next], 'no_stream');
    const [received] = await resumed.events(1, (event) => event.stream === stream);
    expect(received.eventId).toBe(next.eventId);
  });
});
