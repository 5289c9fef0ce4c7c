import type { EventSubscription, RecordedEvent, SubscriptionItem } from '@ledger/event-store';
import { StopSignal } from './internal/stop-signal';
import { SubscriptionBatcher } from './subscription-batcher';

/** A subscription the test feeds by hand; pulls wait until an item is pushed. */
class ManualSubscription implements EventSubscription {
  private readonly queue: (SubscriptionItem | Error)[] = [];
  private waiting: (() => void) | undefined;
  closed = false;

  push(...items: (SubscriptionItem | Error)[]): void {
    this.queue.push(...items);
    this.waiting?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionItem> {
    for (;;) {
      while (this.queue.length === 0 && !this.closed) await new Promise<void>((resolve) => (this.waiting = resolve));
      if (this.closed) return;
      const item = this.queue.shift()!;
      if (item instanceof Error) throw item;
      yield item;
    }
  }
}

const event = (position: number): SubscriptionItem => ({
  kind: 'event',
  event: { position: BigInt(position), stream: 'incident-x', revision: 0n, eventId: `e${position}`, type: 'T', data: {}, metadata: {} } as RecordedEvent,
});
const positions = (events: readonly RecordedEvent[]) => events.map((e) => Number(e.position));

describe('SubscriptionBatcher', () => {
  const setup = (options: Partial<ConstructorParameters<typeof SubscriptionBatcher>[1]> = {}) => {
    const subscription = new ManualSubscription();
    const stop = new StopSignal();
    const batcher = new SubscriptionBatcher(subscription, { maxEvents: 3, maxWaitMs: 20, idleMs: 30, ...options }, stop);
    return { subscription, stop, batcher };
  };

  it('cuts batches at maxEvents without losing the item pulled across the boundary', async () => {
    const { subscription, batcher } = setup();
    subscription.push(event(1), event(2), event(3), event(4), event(5));
    expect(positions((await batcher.next()).events)).toEqual([1, 2, 3]);
    const second = await batcher.next();
    expect(positions(second.events)).toEqual([4, 5]);
    expect(second.upTo).toBe(5n);
  });

  it('ends a batch at caught-up and then uses the smaller live size', async () => {
    const { subscription, batcher } = setup({ maxEvents: 2, maxCatchUpEvents: 10 });
    subscription.push(event(1), event(2), event(3), { kind: 'caught-up', position: 3n }, event(4), event(5), event(6));
    const catchUp = await batcher.next();
    expect(catchUp).toMatchObject({ upTo: 3n, caughtUp: true, ended: false });
    expect(positions(catchUp.events)).toEqual([1, 2, 3]);
    expect(positions((await batcher.next()).events)).toEqual([4, 5]);
  });

  it('carries checkpoint positions past the last event', async () => {
    const { subscription, batcher } = setup();
    subscription.push(event(7), { kind: 'checkpoint', position: 90n });
    const batch = await batcher.next();
    expect(positions(batch.events)).toEqual([7]);
    expect(batch.upTo).toBe(90n);
  });

  it('returns an empty batch when idle, and what it has on stop', async () => {
    const { subscription, stop, batcher } = setup({ maxWaitMs: 10_000, idleMs: 10 });
    expect(await batcher.next()).toMatchObject({ events: [], upTo: 0n, ended: false });
    subscription.push(event(1));
    const pending = batcher.next();
    setTimeout(() => stop.request(), 20);
    expect(positions((await pending).events)).toEqual([1]);
  });

  it('passes a subscription error on, then pulls afresh', async () => {
    const { subscription, batcher } = setup();
    subscription.push(event(1), new Error('dropped'));
    await expect(batcher.next()).rejects.toThrow('dropped');
    await batcher.close();
    expect(subscription.closed).toBe(true);
    expect((await batcher.next()).ended).toBe(true);
  });
});
