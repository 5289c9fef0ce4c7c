import { EsdbTestServer } from '@ledger/test-support';
import { EventStoreUnavailableError } from '../errors';
import type { RecordedEvent, SubscriptionItem } from '../event-store';
import { eventIds, newEvents, newStream, rejectionOf } from '../testing/fixtures';
import { connectEsdbEventStore } from './connect-esdb-event-store';
import type { EsdbEventStore } from './esdb-event-store';

/** Outages: the server crashes (stop) and comes back on the same port with its data (restart). */
describe('EsdbEventStore through a server outage', () => {
  let server: EsdbTestServer;
  let store: EsdbEventStore;
  const retries: unknown[] = [];

  beforeEach(async () => {
    server = await EsdbTestServer.start();
    store = await connectEsdbEventStore({
      connectionString: server.connectionString,
      operationTimeoutMs: 5_000,
      subscriptionRetry: { initialDelayMs: 20, maxDelayMs: 200 },
      onSubscriptionRetry: (error) => retries.push(error),
    });
  });

  afterEach(async () => {
    await store.close();
    await server.stop();
  });

  /** Retries an operation while the store reports itself unavailable (the client reconnecting). */
  const once = async <T>(operation: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await operation();
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError) || attempt >= 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  };

  it('resumes a live subscription after a restart from its last position, missing and repeating nothing', async () => {
    const stream = newStream();
    const before = newEvents(3);
    const after = newEvents(3, 3);
    await store.append(stream, before, 'no_stream');
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    const items: SubscriptionItem[] = [];
    const received: RecordedEvent[] = [];
    const pull = async (until: () => boolean) => {
      while (!until()) {
        const next = await iterator.next();
        if (next.done) throw new Error('the subscription ended');
        items.push(next.value);
        if (next.value.kind === 'event' && next.value.event.stream === stream) received.push(next.value.event);
      }
    };
    await pull(() => items.some((item) => item.kind === 'caught-up'));
    expect(eventIds(received)).toEqual(eventIds(before));

    await server.stop();
    const pending = pull(() => received.length === 6);
    expect(await rejectionOf(store.append(stream, after.slice(0, 1), 2n))).toBeInstanceOf(EventStoreUnavailableError);
    await server.restart();
    await once(() => store.append(stream, after.slice(0, 1), 2n));
    await store.append(stream, after.slice(1), 3n);
    await pending;
    await subscription.close();

    expect(eventIds(received)).toEqual(eventIds([...before, ...after]));
    expect(received.map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
    const positions = items.flatMap((item) => (item.kind === 'event' ? [item.event.position] : []));
    expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    expect(new Set(positions).size).toBe(positions.length);
    expect(retries.length).toBeGreaterThan(0);
    // 'caught-up' stays once, as the port says, although the resubscription caught up again.
    expect(items.filter((item) => item.kind === 'caught-up')).toHaveLength(1);
  });

  it('fails every operation with EventStoreUnavailableError during the outage and recovers by itself', async () => {
    const stream = newStream();
    const first = await store.append(stream, newEvents(2), 'no_stream');

    await server.stop();

    for (const operation of [
      () => store.append(stream, newEvents(1), 1n),
      () => store.readStream(stream),
      () => store.readAll({ maxCount: 10 }),
      () => store.headPosition(),
    ]) {
      const error = await rejectionOf(operation());
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toContain(server.connectionString);
    }

    await server.restart();
    const next = await once(() => store.append(stream, newEvents(1, 2), 1n));
    expect(next.nextExpectedRevision).toBe(2n);
    expect((await store.readStream(stream)).map((event) => event.revision)).toEqual([0n, 1n, 2n]);
    expect(await store.headPosition()).toBeGreaterThan(first.position);
  });

  it('close() ends subscriptions on the server too', async () => {
    const subscription = store.subscribeToAll();
    const iterator = subscription[Symbol.asyncIterator]();
    while (true) {
      const next = await iterator.next();
      if (next.done || next.value.kind === 'caught-up') break;
    }
    expect(server.activeSubscriptions).toBe(1);

    await store.close();

    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    for (let i = 0; i < 200 && server.activeSubscriptions > 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(server.activeSubscriptions).toBe(0);
    expect(await rejectionOf(store.readAll())).toBeInstanceOf(EventStoreUnavailableError);
  });
});
