/** Shared shapes of the test server's in-memory transaction log. */

/**
 * A position in the transaction file, as EventStoreDB's TFPos: commit and prepare log positions.
 * For events written by ordinary (implicitly committed) appends both are the record's own log position.
 */
export type TfPos = Readonly<{ commit: bigint; prepare: bigint }>;

export const compareTfPos = (a: TfPos, b: TfPos): number => {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
};

export const tfPos = (position: bigint): TfPos => ({ commit: position, prepare: position });

export type ContentType = 'application/json' | 'application/octet-stream';

/** One event record in the log. */
export type LogRecord = Readonly<{
  /** Log position of the record (commit = prepare). Never 0. */
  position: bigint;
  /** Bytes the record occupies; the next record starts at position + size. */
  size: bigint;
  stream: string;
  /** Event number in its stream; a tombstone has EventStoreDB's DeletedStream number (long.MaxValue). */
  revision: bigint;
  eventId: string;
  type: string;
  contentType: ContentType;
  data: Uint8Array;
  metadata: Uint8Array;
  /** .NET ticks (100 ns) since the Unix epoch, as the server puts in the 'created' metadata entry. */
  created: bigint;
}>;

/** An event proposed by an append, before it has a position. */
export type ProposedEvent = Readonly<{
  eventId: string;
  type: string;
  contentType: ContentType;
  data: Uint8Array;
  metadata: Uint8Array;
}>;

/** What an append, delete or tombstone expects of the stream. */
export type ExpectedState =
  | Readonly<{ kind: 'any' }>
  | Readonly<{ kind: 'no_stream' }>
  | Readonly<{ kind: 'stream_exists' }>
  | Readonly<{ kind: 'revision'; revision: bigint }>;

/** EventStoreDB's numeric form of an expected state (ExpectedVersion), used in error trailers. */
export const expectedVersionNumber = (expected: ExpectedState): bigint => {
  switch (expected.kind) {
    case 'any':
      return -2n;
    case 'no_stream':
      return -1n;
    case 'stream_exists':
      return -4n;
    case 'revision':
      return expected.revision;
  }
};

/** EventStoreDB's event number of a tombstone (EventNumber.DeletedStream). */
export const DELETED_STREAM_REVISION = 9223372036854775807n;

export type WriteOutcome =
  | Readonly<{ kind: 'success'; currentRevision: bigint | 'no_stream'; position?: TfPos }>
  | Readonly<{ kind: 'wrong-expected-version'; expected: ExpectedState; current: bigint | 'no_stream' }>
  | Readonly<{ kind: 'stream-deleted' }>
  | Readonly<{ kind: 'maximum-append-size-exceeded'; maxAppendSize: number }>;

export type StreamReadOutcome =
  | Readonly<{ kind: 'ok'; events: readonly LogRecord[] }>
  | Readonly<{ kind: 'not-found' }>
  | Readonly<{ kind: 'deleted' }>;
