import type { ReadReq } from '@eventstore/db-client/generated/streams_pb';
import type { LogRecord } from './log-types';

/** EventStoreDB's page size for catch-up reads, also the default search window of a filter. */
export const READ_BATCH_SIZE = 32;

type Expression = ReadReq.Options.FilterOptions.Expression;

const expressionMatcher = (expression: Expression): ((value: string) => boolean) => {
  const regex = expression.getRegex();
  if (regex !== '') {
    const compiled = new RegExp(regex);
    return (value) => compiled.test(value);
  }
  const prefixes = expression.getPrefixList();
  return (value) => prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix));
};

/**
 * A server-side $all filter (stream name or event type; prefixes or a regex) with its search window
 * and checkpoint interval (window × checkpointIntervalMultiplier events considered between checkpoints).
 */
export class EventFilter {
  private constructor(
    private readonly matcher: (record: LogRecord) => boolean,
    readonly maxSearchWindow: number,
    readonly checkpointInterval: number,
    readonly description: string,
  ) {}

  static fromOptions(options: ReadReq.Options.FilterOptions): EventFilter {
    const window = options.hasMax() ? Math.max(1, options.getMax()) : READ_BATCH_SIZE;
    const interval = window * Math.max(1, options.getCheckpointintervalmultiplier());
    if (options.hasStreamIdentifier()) {
      const matches = expressionMatcher(options.getStreamIdentifier()!);
      return new EventFilter((record) => matches(record.stream), window, interval, 'stream name');
    }
    if (options.hasEventType()) {
      const matches = expressionMatcher(options.getEventType()!);
      return new EventFilter((record) => matches(record.type), window, interval, 'event type');
    }
    throw new Error('filter has neither a stream identifier nor an event type expression');
  }

  matches(record: LogRecord): boolean {
    return this.matcher(record);
  }
}
