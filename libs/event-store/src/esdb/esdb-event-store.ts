import {
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type EventStoreDBClient,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, WrongExpectedRevisionError } from '../errors';
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
} from '../event-store';
import { toEventData, toRecordedEvent } from './esdb-event-codec';
import { OperationTimeoutError, toStoreError } from './esdb-errors';
import { readLedgerRecords } from './esdb-filtered-read';
import { EsdbSubscription, type SubscriptionRetryOptions } from './esdb-subscription';

export type EsdbEventStoreOptions = Readonly<{
  /** Names the server in messages; must not contain credentials (see redactConnectionString). */
  description: string;
  /** An operation taking longer fails with EventStoreUnavailableError. Default 10 000 ms. */
  operationTimeoutMs?: number;
  subscriptionRetry?: SubscriptionRetryOptions;
  /** Told about each dropped subscription that will be retried, e.g. for logging. */
  onSubscriptionRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}>;

const UNLIMITED = Number.MAX_SAFE_INTEGER;

const actualRevision = (actual: unknown): ExpectedRevision =>
  typeof actual === 'bigint' && actual >= 0n ? actual : 'no_stream';

/**
 * The event store port on EventStoreDB (@eventstore/db-client): one stream per incident, JSON events whose
 * metadata also carries EventStoreDB's $correlationId/$causationId, positions = $all commit positions.
 * readAll, headPosition and subscriptions see only the ledger's streams (filtered on the server by
 * LEDGER_STREAM_PREFIXES, and again here). Unreachability surfaces as EventStoreUnavailableError; the
 * client reconnects by itself once the server is back. Create it with connectEsdbEventStore().
 */
export class EsdbEventStore implements EventStore {
  private readonly pending = new Set<Promise<unknown>>();
  private readonly subscriptions = new Set<EsdbSubscription>();
  private readonly timeoutMs: number;
  private closing = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EsdbEventStoreOptions,
  ) {
    this.timeoutMs = options.operationTimeoutMs ?? 10_000;
  }

  append(stream: string, events: readonly EventToAppend[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.run(`append to ${stream}`, async () => {
      if (events.length === 0) throw new RangeError(`append to ${stream}: no events`);
      try {
        const result = await this.client.appendToStream(stream, events.map(toEventData), {
          expectedRevision: expectedRevision === 'no_stream' ? NO_STREAM : expectedRevision,
        });
        return { nextExpectedRevision: result.nextExpectedRevision, position: result.position!.commit };
      } catch (error) {
        if (error instanceof WrongExpectedVersionError) {
          throw new WrongExpectedRevisionError(stream, expectedRevision, actualRevision(error.actualVersion));
        }
        throw error;
      }
    });
  }

  readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.run(`read ${stream}`, async (signal) => {
      const direction = options.direction ?? 'forwards';
      if (options.maxCount === 0) return [];
      const read = this.client.readStream(stream, {
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromRevision: options.fromRevision ?? (direction === 'forwards' ? START : END),
        maxCount: options.maxCount ?? UNLIMITED,
      });
      // cancel() rejects when the call never started (server unreachable); that error is reported already.
      const cancel = () => void read.cancel().catch(() => undefined);
      signal.addEventListener('abort', cancel, { once: true });
      const events: RecordedEvent[] = [];
      try {
        for await (const resolved of read) {
          const recorded = resolved.event;
          if (!recorded) continue;
          const event = toRecordedEvent({ ...recorded, position: recorded.position?.commit ?? 0n }, false);
          if (!event) {
            cancel();
            throw new Error(`${stream}@${recorded.revision} (${recorded.type}) is not a ledger event (JSON object)`);
          }
          events.push(event);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw error;
      } finally {
        signal.removeEventListener('abort', cancel);
      }
      return events;
    });
  }

  readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.run('read $all', (signal) => this.readLedger(options, signal));
  }

  headPosition(): Promise<bigint> {
    return this.ping(this.timeoutMs);
  }

  /** headPosition() with its own deadline: for start-up and health checks. */
  ping(timeoutMs: number): Promise<bigint> {
    return this.run(
      'read the newest ledger event from $all',
      async (signal) => {
        const [newest] = await this.readLedger({ direction: 'backwards', maxCount: 1 }, signal);
        return newest?.position ?? 0n;
      },
      timeoutMs,
    );
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): EventSubscription {
    const subscription = new EsdbSubscription(this.client, {
      after: options.after,
      retry: this.options.subscriptionRetry,
      onRetry: this.options.onSubscriptionRetry,
      onEnd: () => this.subscriptions.delete(subscription),
    });
    if (this.closing) void subscription.close();
    else this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.allSettled([...this.pending]);
    await Promise.allSettled([...this.subscriptions].map((subscription) => subscription.close()));
    await this.client.dispose();
  }

  /**
   * Pages through the server-filtered read until maxCount ledger events are found or $all ends, so a
   * record dropped here (a `$` event in a ledger stream) never makes a page look like the end.
   * Forwards reads are inclusive of their start on the server, so the event at `after` is skipped here;
   * backwards reads are exclusive already.
   */
  private async readLedger(options: ReadAllOptions, signal: AbortSignal): Promise<RecordedEvent[]> {
    const forwards = (options.direction ?? 'forwards') === 'forwards';
    const limit = options.maxCount ?? UNLIMITED;
    const { after, before } = options;
    const beyond = (position: bigint) =>
      forwards ? before !== undefined && position >= before : after !== undefined && position <= after;
    let cursor = forwards ? after || undefined : before;
    const events: RecordedEvent[] = [];
    while (events.length < limit) {
      const count = Math.min(UNLIMITED, limit - events.length + (forwards && cursor !== undefined ? 1 : 0));
      const records = await readLedgerRecords(this.client, {
        direction: forwards ? 'forwards' : 'backwards',
        from: cursor,
        count,
        signal,
      });
      for (const record of records) {
        const seen = cursor !== undefined && (forwards ? record.position <= cursor : record.position >= cursor);
        if (seen) continue;
        if (beyond(record.position)) return events;
        const event = toRecordedEvent(record, true);
        if (event) events.push(event);
        if (events.length === limit) return events;
      }
      if (records.length < count) return events;
      cursor = records[records.length - 1].position;
    }
    return events;
  }

  private async run<T>(
    doing: string,
    operation: (signal: AbortSignal) => Promise<T>,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    if (this.closing) {
      throw new EventStoreUnavailableError(`EventStoreDB (${this.options.description}): ${doing}: the store is closed`);
    }
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        const where = this.options.description;
        reject(new OperationTimeoutError(`EventStoreDB (${where}): ${doing} took longer than ${timeoutMs} ms`));
      }, timeoutMs);
    });
    const work = operation(controller.signal);
    this.pending.add(work);
    try {
      return await Promise.race([work, timeout]);
    } catch (error) {
      throw toStoreError(error, doing, this.options.description);
    } finally {
      clearTimeout(timer);
      this.pending.delete(work);
      work.catch(() => undefined);
    }
  }
}
