import { randomUUID } from 'node:crypto';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { compareTfPos, tfPos, type TfPos } from './log-types';
import type { EventFilter } from './event-filter';
import type { ResponseWriter } from './response-writer';
import type { ServerStats } from './server-context';
import type { TransactionLog } from './transaction-log';
import { toReadEvent } from './wire';
import { waitForAppend, yieldToEventLoop } from './wait-for-append';

export type AllSubscriptionStart = 'start' | 'end' | TfPos;

/**
 * A catch-up subscription to $all: confirmation, then every record after the start position
 * (exclusive), then 'caught up' once at the end of the log, then live records as they are written.
 * Catch-up and live are one cursor over the log, so a slow client is never buffered for: the cursor
 * simply waits for the write buffer to drain.
 * With a filter, a checkpoint (the last considered record's position) is sent every
 * checkpointInterval considered records, and once more when catch-up reaches the end.
 */
export class AllSubscription {
  constructor(
    private readonly log: TransactionLog,
    private readonly writer: ResponseWriter<ReadResp>,
    private readonly start: AllSubscriptionStart,
    private readonly filter: EventFilter | undefined,
    private readonly structuredIds: boolean,
    private readonly stats: ServerStats,
  ) {}

  async run(): Promise<void> {
    const confirmation = new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID());
    if (!(await this.writer.write(new ReadResp().setConfirmation(confirmation)))) return;
    let index = this.firstIndex();
    // Never the end of the log: the next record will be written there, and checkpoints are exclusive.
    let lastConsidered = typeof this.start === 'object' ? this.start.commit : this.lastRecordPosition();
    let considered = 0;
    let caughtUp = false;
    while (!this.writer.closed) {
      const records = this.log.records;
      while (index < records.length) {
        const record = records[index++];
        lastConsidered = record.position;
        if (this.filter === undefined || this.filter.matches(record)) {
          const event = new ReadResp().setEvent(toReadEvent(record, this.structuredIds));
          if (!(await this.writer.write(event))) return;
          this.stats.subscriptionEventsSent += 1;
        }
        if (this.filter === undefined) continue;
        considered += 1;
        if (considered % this.filter.checkpointInterval === 0 && !(await this.checkpoint(lastConsidered))) return;
        if (considered % 1000 === 0) await yieldToEventLoop();
      }
      if (!caughtUp) {
        if (this.filter !== undefined && lastConsidered > 0n && !(await this.checkpoint(lastConsidered))) return;
        if (!(await this.writer.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp())))) return;
        caughtUp = true;
      }
      if (index >= this.log.records.length) await waitForAppend(this.log, this.writer.signal);
    }
  }

  private firstIndex(): number {
    if (this.start === 'start') return 0;
    if (this.start === 'end') return this.log.records.length;
    const index = this.log.firstIndexAtOrAfter(this.start);
    const atStart = this.log.records[index];
    // Subscriptions are exclusive of the position they start from.
    return atStart && compareTfPos(tfPos(atStart.position), this.start) === 0 ? index + 1 : index;
  }

  private lastRecordPosition(): bigint {
    const records = this.log.records;
    return this.start === 'end' && records.length > 0 ? records[records.length - 1].position : 0n;
  }

  private checkpoint(position: bigint): Promise<boolean> {
    const checkpoint = new ReadResp.Checkpoint()
      .setCommitPosition(position.toString())
      .setPreparePosition(position.toString());
    return this.writer.write(new ReadResp().setCheckpoint(checkpoint));
  }
}
