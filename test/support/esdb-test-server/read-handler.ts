import type { ServerWritableStream } from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { AllSubscription, type AllSubscriptionStart } from './all-subscription';
import { EventFilter } from './event-filter';
import type { LogRecord } from './log-types';
import { ResponseWriter } from './response-writer';
import type { ServerContext } from './server-context';
import { StreamSubscription, type StreamSubscriptionStart } from './stream-subscription';
import { rpcErrors, streamIdentifier, streamNameOf, toReadEvent } from './wire';

type Call = ServerWritableStream<ReadReq, ReadResp>;
type Options = ReadReq.Options;

const allStart = (all: ReadReq.Options.AllOptions): AllSubscriptionStart => {
  if (all.hasPosition()) {
    const position = all.getPosition()!;
    return { commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) };
  }
  return all.hasEnd() ? 'end' : 'start';
};

const streamStart = (stream: ReadReq.Options.StreamOptions): StreamSubscriptionStart => {
  if (stream.hasRevision()) return BigInt(stream.getRevision());
  return stream.hasEnd() ? 'end' : 'start';
};

/**
 * Streams.Read: stream reads, $all reads (optionally filtered) and subscriptions,
 * dispatched on the request's options the way EventStoreDB does.
 */
export class ReadHandler {
  constructor(private readonly context: ServerContext) {}

  readonly handle = async (call: Call): Promise<void> => {
    const writer = new ResponseWriter<ReadResp>(call, this.context.signal);
    try {
      const options = call.request.getOptions();
      if (!options) return writer.fail(rpcErrors.invalidArgument("'options' is a required argument"));
      const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
      const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
      const filter = options.hasFilter() ? EventFilter.fromOptions(options.getFilter()!) : undefined;
      if (options.hasSubscription() && backwards) {
        return writer.fail(rpcErrors.invalidArgument('The combination of (Subscription, Backwards) is invalid.'));
      }
      if (options.hasStream() && filter) {
        return writer.fail(rpcErrors.invalidArgument('The combination of (Stream, Filter) is invalid.'));
      }
      if (options.hasStream()) await this.stream(options, writer, structuredIds, backwards);
      else if (options.hasAll()) await this.all(options, writer, filter, structuredIds, backwards);
      else writer.fail(rpcErrors.invalidArgument('Read needs stream or all options'));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // A bad filter regex is the request's fault; anything else is the server's.
      writer.fail(error instanceof SyntaxError ? rpcErrors.invalidArgument(message) : rpcErrors.unknown(message));
    }
  };

  private async stream(options: Options, writer: ResponseWriter<ReadResp>, structuredIds: boolean, backwards: boolean) {
    const streamOptions = options.getStream()!;
    const name = streamNameOf(streamOptions.getStreamIdentifier());
    const start = streamStart(streamOptions);
    if (options.hasSubscription()) {
      const { log, stats } = this.context;
      return this.subscription(writer, new StreamSubscription(log, writer, name, start, structuredIds, stats));
    }
    const outcome = this.context.log.readStream(name);
    if (outcome.kind === 'deleted') return writer.fail(rpcErrors.streamDeleted(name));
    if (outcome.kind === 'not-found') {
      const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(name));
      await writer.write(new ReadResp().setStreamNotFound(notFound));
      return writer.end();
    }
    let events: LogRecord[];
    if (backwards) {
      const from = start === 'end' ? undefined : start === 'start' ? 0n : start;
      events = outcome.events.filter((event) => from === undefined || event.revision <= from).reverse();
    } else {
      events = start === 'end' ? [] : outcome.events.filter((event) => start === 'start' || event.revision >= start);
    }
    await this.writeEvents(writer, events, BigInt(options.getCount()), structuredIds);
  }

  private async all(
    options: Options,
    writer: ResponseWriter<ReadResp>,
    filter: EventFilter | undefined,
    structuredIds: boolean,
    backwards: boolean,
  ) {
    const log = this.context.log;
    const start = allStart(options.getAll()!);
    if (typeof start === 'object' && !log.isValidPosition(start)) return writer.fail(rpcErrors.invalidPosition());
    if (options.hasSubscription()) {
      const subscription = new AllSubscription(log, writer, start, filter, structuredIds, this.context.stats);
      return this.subscription(writer, subscription);
    }
    const records = log.records;
    let selected: LogRecord[];
    if (backwards) {
      const from =
        start === 'end' ? records.length - 1 : start === 'start' ? -1 : log.lastIndexEndingAtOrBefore(start);
      selected = records.slice(0, from + 1).reverse();
    } else {
      const from = start === 'start' ? 0 : start === 'end' ? records.length : log.firstIndexAtOrAfter(start);
      selected = records.slice(from);
    }
    const matching = filter ? selected.filter((record) => filter.matches(record)) : selected;
    await this.writeEvents(writer, matching, BigInt(options.getCount()), structuredIds);
  }

  private async writeEvents(
    writer: ResponseWriter<ReadResp>,
    events: LogRecord[],
    count: bigint,
    structuredIds: boolean,
  ) {
    const limit = count > BigInt(events.length) ? events.length : Number(count);
    for (const record of events.slice(0, limit)) {
      if (!(await writer.write(new ReadResp().setEvent(toReadEvent(record, structuredIds))))) return;
    }
    writer.end();
  }

  private async subscription(writer: ResponseWriter<ReadResp>, subscription: { run(): Promise<void> }) {
    this.context.subscriptions.add(writer);
    try {
      await subscription.run();
    } finally {
      this.context.subscriptions.delete(writer);
    }
  }
}
