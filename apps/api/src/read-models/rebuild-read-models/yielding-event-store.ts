import { setImmediate as nextTurn } from 'node:timers/promises';
import type { EventStore, ReadAllOptions, RecordedEvent } from '@ledger/event-store';

/**
 * The API's event store for a rebuild running in the API's own event loop: every readAll first lets
 * the loop run. The embedded store answers synchronously, so a rebuild reading it page after page
 * would otherwise hold every request until it finished. It does not own the store: close() does nothing.
 */
export class YieldingEventStore implements EventStore {
  constructor(private readonly store: EventStore) {}

  async readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    await nextTurn();
    return this.store.readAll(options);
  }

  append(...args: Parameters<EventStore['append']>): ReturnType<EventStore['append']> {
    return this.store.append(...args);
  }

  readStream(...args: Parameters<EventStore['readStream']>): ReturnType<EventStore['readStream']> {
    return this.store.readStream(...args);
  }

  subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>): ReturnType<EventStore['subscribeToAll']> {
    return this.store.subscribeToAll(...args);
  }

  headPosition(): Promise<bigint> {
    return this.store.headPosition();
  }

  async close(): Promise<void> {}
}
