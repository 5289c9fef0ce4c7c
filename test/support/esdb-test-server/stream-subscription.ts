import { randomUUID } from 'node:crypto';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { ResponseWriter } from './response-writer';
import type { ServerStats } from './server-context';
import type { TransactionLog } from './transaction-log';
import { rpcErrors, toReadEvent } from './wire';
import { waitForAppend } from './wait-for-append';

/** 'start', 'end' or the revision after which to start (exclusive). */
export type StreamSubscriptionStart = 'start' | 'end' | bigint;

/**
 * A catch-up subscription to one stream: confirmation, the stream's events after the start revision,
 * 'caught up' (also for a stream that does not exist yet), then live events.
 * Ends with a StreamDeleted error when the stream is (or gets) tombstoned.
 */
export class StreamSubscription {
  constructor(
    private readonly log: TransactionLog,
    private readonly writer: ResponseWriter<ReadResp>,
    private readonly stream: string,
    private readonly start: StreamSubscriptionStart,
    private readonly structuredIds: boolean,
    private readonly stats: ServerStats,
  ) {}

  async run(): Promise<void> {
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    if (!(await this.writer.write(new ReadResp().setConfirmation(confirmation)))) return;
    let next =
      this.start === 'start' ? 0n : this.start === 'end' ? this.log.lastRevision(this.stream) + 1n : this.start + 1n;
    let caughtUp = false;
    while (!this.writer.closed) {
      const outcome = this.log.readStream(this.stream);
      if (outcome.kind === 'deleted') return this.writer.fail(rpcErrors.streamDeleted(this.stream));
      const pending = outcome.kind === 'ok' ? outcome.events.filter((event) => event.revision >= next) : [];
      for (const record of pending) {
        if (!(await this.writer.write(new ReadResp().setEvent(toReadEvent(record, this.structuredIds))))) return;
        this.stats.subscriptionEventsSent += 1;
        next = record.revision + 1n;
      }
      if (!caughtUp) {
        if (!(await this.writer.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
        caughtUp = true;
      }
      const after = this.log.readStream(this.stream);
      const more =
        after.kind === 'deleted' || (after.kind === 'ok' && after.events.some((event) => event.revision >= next));
      if (!more) await waitForAppend(this.log, this.writer.signal);
    }
  }
}
