import type { EventSubscription, RecordedEvent, SubscriptionItem } from '../event-store';
import type { CommitSignal } from './commit-signal';

export type SqliteSubscriptionOptions = Readonly<{
  /** Exclusive start position. */
  after: bigint;
  /** Events read per query; also the most this subscription holds in memory. */
  pageSize: number;
  /** How often to look for commits made by other connections (other processes). */
  pollIntervalMs: number;
  /** Reads up to `limit` events with position > after, in order. */
  readPage: (after: bigint, limit: number) => RecordedEvent[];
  /** Fires when this process commits. */
  signal: CommitSignal;
  /** Called once when the subscription ends, so the store can forget it. */
  onClose: () => void;
}>;

/**
 * Catch-up subscription over a SQLite file: pages through the events after a position, reports
 * 'caught-up' once the first short page shows nothing is left, then waits for a commit in this
 * process or the next poll (appends by other processes) and reads again.
 *
 * Pull-based: nothing is read until the consumer asks for the next item, and at most one page
 * is held, so a slow consumer slows the subscription instead of growing a buffer.
 * SQLite assigns positions under its single write lock, in commit order, so reading "position > cursor"
 * can never skip an event that commits later with a smaller position.
 */
export class SqliteSubscription implements EventSubscription {
  private closed = false;
  private wake: (() => void) | undefined;
  private readonly iterator: AsyncGenerator<SubscriptionItem>;

  constructor(private readonly options: SqliteSubscriptionOptions) {
    this.iterator = this.run();
  }

  /** Single consumer: every call returns the same iterator. */
  [Symbol.asyncIterator](): AsyncIterator<SubscriptionItem> {
    return this.iterator;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.wake?.();
    this.options.onClose();
  }

  private async *run(): AsyncGenerator<SubscriptionItem> {
    const { pageSize, readPage } = this.options;
    let cursor = this.options.after;
    let caughtUp = false;
    try {
      while (!this.closed) {
        const page = readPage(cursor, pageSize);
        for (const event of page) {
          if (this.closed) return;
          yield { kind: 'event', event };
          cursor = event.position;
        }
        if (this.closed) return;
        if (page.length === pageSize) continue;
        if (!caughtUp) {
          caughtUp = true;
          yield { kind: 'caught-up', position: cursor };
          continue;
        }
        await this.sleep();
      }
    } finally {
      // Also reached when the consumer breaks out of for-await.
      await this.close();
    }
  }

  /** Resolves on a local commit, the poll interval, or close(), whichever comes first. */
  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        stopListening();
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.options.pollIntervalMs);
      const stopListening = this.options.signal.once(done);
      this.wake = done;
    });
  }
}
