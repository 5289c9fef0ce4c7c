import {
  START,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import type { EventSubscription, SubscriptionItem } from '../event-store';
import { LEDGER_STREAM_PREFIXES } from '../streams';
import { toRecordedEvent } from './esdb-event-codec';
import { isPermanent } from './esdb-errors';

/** How a dropped subscription is retried: exponential backoff from initialDelayMs, capped at maxDelayMs. */
export type SubscriptionRetryOptions = Readonly<{ initialDelayMs?: number; maxDelayMs?: number }>;

export type EsdbSubscriptionOptions = Readonly<{
  /** Exclusive start position (commit position); 0n or undefined for the start of $all. */
  after?: bigint;
  retry?: SubscriptionRetryOptions;
  /** Told about each drop that will be retried, e.g. for logging. */
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
  /** Called once when the subscription ends, however it ends. */
  onEnd?: () => void;
}>;

/**
 * Checkpoints and 'caught up' arrive from the client as a callback and an event; they are pushed into
 * the subscription's own stream as markers so they stay in order with the events before them.
 */
class Marker {
  constructor(
    readonly kind: 'checkpoint' | 'caught-up',
    readonly position = 0n,
  ) {}
}

const CLOSED = Symbol('closed');

/**
 * A catch-up subscription to the ledger's events in $all, filtered on the server by stream prefix, that
 * survives outages: when the underlying subscription drops (server gone, stream error, server ended it)
 * it resubscribes from the last position it delivered, with capped exponential backoff, so nothing is
 * missed and nothing is delivered twice (positions at or below the last one are skipped).
 *
 * 'caught-up' is yielded once, as the port says: the first time catch-up completes. Resubscriptions after
 * an outage catch up again silently (the port's consumers, like the contract's probe, rely on "once").
 * 'checkpoint' items advance the position across stretches of other applications' or system events.
 * Errors a retry cannot fix (bad position, access denied) end the iteration by throwing.
 */
export class EsdbSubscription implements EventSubscription {
  private last: bigint;
  private caughtUp = false;
  private closed = false;
  private iterating = false;
  private current?: AllStreamSubscription;
  private signalClosed!: (value: typeof CLOSED) => void;
  private readonly closedSignal = new Promise<typeof CLOSED>((resolve) => (this.signalClosed = resolve));
  private readonly initialDelayMs: number;
  private readonly maxDelayMs: number;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbSubscriptionOptions = {},
  ) {
    this.last = options.after ?? 0n;
    this.initialDelayMs = options.retry?.initialDelayMs ?? 200;
    this.maxDelayMs = options.retry?.maxDelayMs ?? 10_000;
  }

  [Symbol.asyncIterator](): AsyncIterator<SubscriptionItem> {
    if (this.iterating) throw new Error('An EventSubscription can be iterated only once');
    this.iterating = true;
    return this.items();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.signalClosed(CLOSED);
    this.release();
    this.options.onEnd?.();
  }

  private async *items(): AsyncGenerator<SubscriptionItem> {
    try {
      let attempt = 0;
      while (!this.closed) {
        let failure: unknown = new Error('the server ended the subscription');
        const subscription = this.open();
        try {
          const iterator = subscription[Symbol.asyncIterator]();
          for (;;) {
            const next = iterator.next();
            next.catch(() => undefined);
            const result = await Promise.race([next, this.closedSignal]);
            if (result === CLOSED || this.closed) return;
            if (result.done) break;
            attempt = 0;
            const item = this.toItem(result.value as AllStreamResolvedEvent | Marker);
            if (item) yield item;
          }
        } catch (error) {
          failure = error;
        } finally {
          this.release();
        }
        if (this.closed) return;
        if (isPermanent(failure)) throw failure;
        const delayMs = Math.min(this.maxDelayMs, this.initialDelayMs * 2 ** Math.min(attempt, 30));
        attempt += 1;
        this.options.onRetry?.(failure, attempt, delayMs);
        await this.sleep(delayMs);
      }
    } finally {
      await this.close();
    }
  }

  private open(): AllStreamSubscription {
    const from = this.last > 0n ? { commit: this.last, prepare: this.last } : START;
    const subscription = this.client.subscribeToAll({
      fromPosition: from,
      filter: streamNameFilter({
        prefixes: [...LEDGER_STREAM_PREFIXES],
        checkpointReached: (target, position) => void target.push(new Marker('checkpoint', position.commit)),
      }),
    });
    // Pushed in order behind the events before it; toItem() lets only the first one through.
    subscription.on('caughtUp', () => subscription.push(new Marker('caught-up')));
    // Errors reach the iterator; this listener only keeps a late one from being unhandled.
    subscription.on('error', () => undefined);
    this.current = subscription;
    return subscription;
  }

  private toItem(value: AllStreamResolvedEvent | Marker): SubscriptionItem | undefined {
    if (value instanceof Marker) {
      if (value.kind === 'caught-up') {
        if (this.caughtUp) return undefined;
        this.caughtUp = true;
        return { kind: 'caught-up', position: this.last };
      }
      if (value.position <= this.last) return undefined;
      this.last = value.position;
      return { kind: 'checkpoint', position: value.position };
    }
    const recorded = value.event;
    const position = recorded?.position?.commit ?? value.commitPosition;
    if (recorded === undefined || position === undefined || position <= this.last) return undefined;
    this.last = position;
    const event = toRecordedEvent({ ...recorded, position }, true);
    // Anything the server let through that is not a ledger event still moves the position on.
    return event ? { kind: 'event', event } : { kind: 'checkpoint', position };
  }

  private release(): void {
    const subscription = this.current;
    this.current = undefined;
    if (!subscription) return;
    subscription.removeAllListeners('caughtUp');
    subscription.unsubscribe().catch(() => undefined);
    subscription.destroy();
  }

  private sleep(ms: number): Promise<unknown> {
    let timer: NodeJS.Timeout | undefined;
    const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
    return Promise.race([elapsed, this.closedSignal]).finally(() => clearTimeout(timer));
  }
}
