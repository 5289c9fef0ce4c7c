/**
 * The event store port. Adapters: the embedded SQLite store (default) and EventStoreDB.
 * Revisions and positions are bigint everywhere inside; they become strings only at JSON boundaries.
 */

/** Plain JSON; event data and metadata are stored and hashed as JSON. */
export type JsonObject = { [key: string]: JsonValue };
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;

/** What to expect of a stream before appending: it must not exist yet, or its last revision must be exactly this. */
export type ExpectedRevision = 'no_stream' | bigint;

export type EventToAppend = Readonly<{
  /** UUID; also the event's identity in EventStoreDB. */
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}>;

export type RecordedEvent = Readonly<{
  stream: string;
  /** 0-based position of the event within its stream. */
  revision: bigint;
  /** Position in the store-wide order; never 0, strictly increasing. */
  position: bigint;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}>;

export type AppendResult = Readonly<{
  /** Revision of the last event appended. */
  nextExpectedRevision: bigint;
  /** Global position of the last event appended. */
  position: bigint;
}>;

export type Direction = 'forwards' | 'backwards';

export type ReadStreamOptions = Readonly<{
  direction?: Direction;
  /** Inclusive. Default: the start (forwards) or the end (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}>;

export type ReadAllOptions = Readonly<{
  direction?: Direction;
  /**
   * Exclusive bound. Forwards: events with position > after (default: from the start).
   * Backwards: events with position < before (default: from the end).
   */
  after?: bigint;
  before?: bigint;
  maxCount?: number;
}>;

export type SubscribeToAllOptions = Readonly<{
  /** Exclusive: the first event delivered has a position greater than this. Default: from the start. */
  after?: bigint;
}>;

/**
 * What a subscription yields, in order:
 * events from `after` on (catch-up), then 'caught-up' once, then live events.
 * 'checkpoint' items carry a position the subscriber may store even though no ledger event was at it
 * (stretches of other applications' events in EventStoreDB's $all).
 */
export type SubscriptionItem =
  | Readonly<{ kind: 'event'; event: RecordedEvent }>
  | Readonly<{ kind: 'caught-up'; position: bigint }>
  | Readonly<{ kind: 'checkpoint'; position: bigint }>;

/** A catch-up subscription. Pull-based (async iteration), so a slow consumer applies back-pressure. */
export interface EventSubscription extends AsyncIterable<SubscriptionItem> {
  /** Stops the subscription; a pending iteration ends. */
  close(): Promise<void>;
}

export interface EventStore {
  /**
   * Appends atomically with optimistic concurrency.
   * @throws WrongExpectedRevisionError when the stream's revision is not the expected one; nothing is written.
   * @throws EventStoreUnavailableError when the store cannot be reached.
   */
  append(
    stream: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult>;

  /** Reads one stream. A stream that does not exist reads as empty. */
  readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;

  /** Reads the ledger's events across all streams in global order, a page at a time. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;

  /** Catch up from a position, then go live. */
  subscribeToAll(options?: SubscribeToAllOptions): EventSubscription;

  /** Position of the newest ledger event, or 0n when there is none. */
  headPosition(): Promise<bigint>;

  /** Waits for pending appends, then releases connections. */
  close(): Promise<void>;
}
