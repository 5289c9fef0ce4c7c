import type { EventSubscription, RecordedEvent, SubscriptionItem } from '@ledger/event-store';
import type { StopSignal } from './internal/stop-signal';

/** Events and positions pulled from a subscription in one go. */
export type SubscriptionBatch = Readonly<{
  events: RecordedEvent[];
  /** Highest position the batch covers (events, 'checkpoint' and 'caught-up' items); 0n if none. */
  upTo: bigint;
  /** A 'caught-up' item ended this batch: nothing older is left to read. */
  caughtUp: boolean;
  /** The subscription ended (closed); no more batches. */
  ended: boolean;
}>;

export type SubscriptionBatcherOptions = Readonly<{
  /** Most events per batch once the subscription has caught up. */
  maxEvents: number;
  /** Most events per batch before that (catching up on a backlog). Default maxEvents. */
  maxCatchUpEvents?: number;
  /** Once the batch has its first item, flush at the latest this long after it. */
  maxWaitMs: number;
  /** With nothing at all, return an empty batch after this long (the caller's chance to look around). */
  idleMs: number;
}>;

type Wake = 'timeout' | 'stopped' | 'poked';

/**
 * Groups a pull-based subscription into batches: up to maxEvents, or whatever arrived within
 * maxWaitMs of the first item, or up to a 'caught-up' item. The pull in flight survives a
 * batch boundary (async iterators must not be pulled twice at once), so nothing is lost between
 * batches. One timer per batch, not per item: the catch-up path yields thousands of items per second.
 */
export class SubscriptionBatcher {
  private readonly iterator: AsyncIterator<SubscriptionItem>;
  private pending: Promise<IteratorResult<SubscriptionItem>> | undefined;
  private wake: ((why: Wake) => void) | undefined;
  private ended = false;
  private caughtUp = false;

  constructor(
    private readonly subscription: EventSubscription,
    private readonly options: SubscriptionBatcherOptions,
    private readonly stop: StopSignal,
  ) {
    this.iterator = subscription[Symbol.asyncIterator]();
  }

  /** Ends the wait for the current batch early (e.g. to look at the blue-green pointers now). */
  poke(): void {
    this.wake?.('poked');
  }

  async next(): Promise<SubscriptionBatch> {
    const events: RecordedEvent[] = [];
    let upTo = 0n;
    let caughtUp = false;
    let started = false;
    if (this.ended) return { events, upTo, caughtUp, ended: true };

    const interrupted = new Promise<Wake>((resolve) => (this.wake = resolve));
    let timer = setTimeout(() => this.wake?.('timeout'), this.options.idleMs);
    const unlisten = this.stop.onStop(() => this.wake?.('stopped'));
    try {
      const maxEvents = this.caughtUp ? this.options.maxEvents : (this.options.maxCatchUpEvents ?? this.options.maxEvents);
      while (events.length < maxEvents) {
        this.pending ??= this.iterator.next();
        let outcome: IteratorResult<SubscriptionItem> | Wake;
        try {
          outcome = await Promise.race([this.pending, interrupted]);
        } catch (error) {
          this.pending = undefined;
          throw error;
        }
        if (typeof outcome === 'string') break;
        this.pending = undefined;
        if (outcome.done) {
          this.ended = true;
          break;
        }
        const item = outcome.value;
        if (!started) {
          // The first item starts the batch's own deadline.
          started = true;
          clearTimeout(timer);
          timer = setTimeout(() => this.wake?.('timeout'), this.options.maxWaitMs);
        }
        if (item.kind === 'event') {
          events.push(item.event);
          if (item.event.position > upTo) upTo = item.event.position;
        } else {
          if (item.position > upTo) upTo = item.position;
          if (item.kind === 'caught-up') {
            caughtUp = true;
            this.caughtUp = true;
            break;
          }
        }
      }
    } finally {
      clearTimeout(timer);
      unlisten();
      this.wake = undefined;
    }
    return { events, upTo, caughtUp, ended: this.ended };
  }

  /** Closes the subscription; a pull still in flight is dropped without an unhandled rejection. */
  async close(): Promise<void> {
    this.pending?.catch(() => {});
    this.pending = undefined;
    this.ended = true;
    await this.subscription.close();
  }
}
