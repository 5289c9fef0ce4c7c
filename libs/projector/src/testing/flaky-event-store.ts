import type {
  AppendResult,
  EventStore,
  EventSubscription,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
  SubscriptionItem,
} from '@ledger/event-store';

/**
 * Wraps a real event store to misbehave on request: subscriptions that drop after some items,
 * events hidden from subscriptions (a gap, as a broken store or a bad restore would show), and
 * counts of subscriptions opened.
 */
export class FlakyEventStore implements EventStore {
  subscriptionsOpened = 0;
  private dropsLeft = 0;
  private dropAfter = 0;
  /** Events subscriptions must not deliver (by event id). */
  readonly hidden = new Set<string>();

  constructor(private readonly inner: EventStore) {}

  /** The next `times` subscriptions fail with an error after delivering `afterItems` items. */
  dropSubscriptions(times: number, afterItems: number): void {
    this.dropsLeft = times;
    this.dropAfter = afterItems;
  }

  append(stream: string, events: readonly EventToAppend[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(stream, events, expected);
  }

  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.inner.readStream(stream, options);
  }

  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]> {
    return this.inner.readAll(options);
  }

  headPosition(): Promise<bigint> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    this.subscriptionsOpened++;
    const inner = this.inner.subscribeToAll(options);
    const failAfter = this.dropsLeft > 0 ? this.dropAfter : undefined;
    if (this.dropsLeft > 0) this.dropsLeft--;
    const hidden = this.hidden;
    async function* items(): AsyncGenerator<SubscriptionItem> {
      let delivered = 0;
      for await (const item of inner) {
        if (failAfter !== undefined && delivered >= failAfter) throw new Error('injected: subscription dropped');
        if (item.kind === 'event' && hidden.has(item.event.eventId)) continue;
        delivered++;
        yield item;
      }
    }
    const iterator = items();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        await inner.close();
      },
    };
  }
}
