import type { EventSubscription, SubscribeToAllOptions, SubscriptionItem } from '@ledger/event-store';
import { silentProjectorLogger } from '../logger';
import { Projector } from '../projector';
import type { ProjectorOptions } from '../projector-options';
import { FlakyEventStore } from './flaky-event-store';

/**
 * Creates projectors for a test: silent, quick to retry, with the test's defaults under each one's
 * own options; stopAll() stops every one created (for afterEach/afterAll).
 */
export class TestProjectors {
  private readonly created: Projector[] = [];

  constructor(private readonly defaults: () => Partial<ProjectorOptions>) {}

  create(options: Partial<ProjectorOptions> = {}): Projector {
    const projector = new Projector({
      logger: silentProjectorLogger,
      retry: { initialDelayMs: 10, maxDelayMs: 100 },
      ...this.defaults(),
      ...options,
    } as ProjectorOptions);
    this.created.push(projector);
    return projector;
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.created.splice(0).map((projector) => projector.stop()));
  }
}

const positionOf = (item: SubscriptionItem): bigint => (item.kind === 'event' ? item.event.position : item.position);

/**
 * Wraps a real event store so that its subscriptions deliver nothing past a position until told:
 * `holdAfter(p)` lets items up to global position p through and holds the rest (an item is held,
 * not dropped, so nothing is lost); `release()` lets everything through. A projector on it stands
 * still at a known place: behind the head (to look at its status while it lags), or stopped half-way
 * through a ledger that is already written. Appends, reads and the head go straight to the store.
 */
export class GatedEventStore extends FlakyEventStore {
  private limit: bigint | undefined;
  private opened: () => void = () => undefined;
  private gateMoved = new Promise<void>((resolve) => (this.opened = resolve));

  /** Subscriptions hold every item past `position` (-1n: hold everything). */
  holdAfter(position: bigint): void {
    this.limit = position;
    this.moveGate();
  }

  /** Subscriptions deliver everything again, held items first. */
  release(): void {
    this.limit = undefined;
    this.moveGate();
  }

  override subscribeToAll(options?: SubscribeToAllOptions): EventSubscription {
    const inner = super.subscribeToAll(options);
    let closed = false;
    let signalClosed: () => void = () => undefined;
    const whenClosed = new Promise<void>((resolve) => (signalClosed = resolve));
    const held = (item: SubscriptionItem): boolean => this.limit !== undefined && positionOf(item) > this.limit;
    const gate = this;
    async function* items(): AsyncGenerator<SubscriptionItem> {
      for await (const item of inner) {
        while (!closed && held(item)) await Promise.race([gate.gateMoved, whenClosed]);
        if (closed) return;
        yield item;
      }
    }
    const iterator = items();
    return {
      [Symbol.asyncIterator]: () => iterator,
      close: async () => {
        closed = true;
        signalClosed();
        await inner.close();
      },
    };
  }

  private moveGate(): void {
    const open = this.opened;
    this.gateMoved = new Promise<void>((resolve) => (this.opened = resolve));
    open();
  }
}
