import type { EventStore, RecordedEvent } from '@ledger/event-store';
import { YieldingEventStore } from './yielding-event-store';

describe('YieldingEventStore', () => {
  it('lets work queued before a readAll run before the store is read, as a request waiting during a rebuild would', async () => {
    const order: string[] = [];
    const store = {
      readAll: async (): Promise<RecordedEvent[]> => {
        order.push('store read');
        return [];
      },
    } as unknown as EventStore;

    setImmediate(() => order.push('request handled'));
    await new YieldingEventStore(store).readAll({ after: 0n, maxCount: 10 });

    expect(order).toEqual(['request handled', 'store read']);
  });

  it('does not close the store it wraps', async () => {
    const close = jest.fn();
    await new YieldingEventStore({ close } as unknown as EventStore).close();
    expect(close).not.toHaveBeenCalled();
  });
});
