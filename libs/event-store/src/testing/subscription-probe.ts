import type { EventSubscription, RecordedEvent, SubscriptionItem } from '../event-store';

/**
 * Pulls a subscription one item at a time with a deadline (so a broken adapter fails instead of
 * hanging the suite) and checks the ordering rules every consumer relies on:
 * event positions are > 0 and strictly increasing; a checkpoint or caught-up position is not behind
 * the last event; an event never comes at or before a position already reported (resuming from any
 * reported position must not lose events); 'caught-up' comes at most once.
 */
export class SubscriptionProbe {
  readonly items: SubscriptionItem[] = [];
  private readonly iterator: AsyncIterator<SubscriptionItem>;
  private pending: Promise<IteratorResult<SubscriptionItem>> | undefined;
  private lastEventPosition = 0n;
  private lastReportedPosition = -1n;
  private ended = false;

  constructor(
    readonly subscription: EventSubscription,
    private readonly deadlineMs = 10_000,
  ) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  get caughtUpCount(): number {
    return this.items.filter((item) => item.kind === 'caught-up').length;
  }

  /**
   * Starts pulling the next item without waiting for it, so the subscription is idle and waiting
   * (the live path) when the test appends; the following next() picks the item up.
   */
  prefetch(): void {
    if (!this.ended) this.pending ??= this.iterator.next();
  }

  /** The next item, or 'done' when the subscription ended. */
  async next(): Promise<SubscriptionItem | 'done'> {
    if (this.ended) return 'done';
    // A pull that missed its deadline is still in flight; reuse it rather than pulling twice.
    this.pending ??= this.iterator.next();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`No subscription item within ${this.deadlineMs} ms`)),
        this.deadlineMs,
      );
    });
    try {
      const result = await Promise.race([this.pending, deadline]);
      this.pending = undefined;
      if (result.done) {
        this.ended = true;
        return 'done';
      }
      this.check(result.value);
      this.items.push(result.value);
      return result.value;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Pulls until 'caught-up'; returns the events delivered before it and its position. */
  async untilCaughtUp(): Promise<{ events: RecordedEvent[]; position: bigint }> {
    const events: RecordedEvent[] = [];
    for (;;) {
      const item = await this.next();
      if (item === 'done') throw new Error('Subscription ended before caught-up');
      if (item.kind === 'caught-up') return { events, position: item.position };
      if (item.kind === 'event') events.push(item.event);
    }
  }

  /** Pulls until `count` events accepted by `filter` arrived; returns those. */
  async events(count: number, filter: (event: RecordedEvent) => boolean): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    while (events.length < count) {
      const item = await this.next();
      if (item === 'done') throw new Error(`Subscription ended after ${events.length}/${count} events`);
      if (item.kind === 'event' && filter(item.event)) events.push(item.event);
    }
    return events;
  }

  private check(item: SubscriptionItem): void {
    if (item.kind === 'event') {
      const { position } = item.event;
      if (typeof position !== 'bigint' || position <= 0n) {
        throw new Error(`Event position must be a positive bigint, got ${String(position)}`);
      }
      if (position <= this.lastEventPosition || position <= this.lastReportedPosition) {
        throw new Error(
          `Event at ${position} came after position ${this.lastEventPosition}/${this.lastReportedPosition}`,
        );
      }
      this.lastEventPosition = position;
      return;
    }
    if (item.kind === 'caught-up' && this.caughtUpCount > 0) {
      throw new Error("'caught-up' delivered more than once");
    }
    if (item.position < this.lastEventPosition) {
      throw new Error(`${item.kind} at ${item.position} is behind event ${this.lastEventPosition}`);
    }
    this.lastReportedPosition = item.position;
  }
}
