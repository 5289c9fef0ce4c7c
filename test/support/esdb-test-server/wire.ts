import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { expectedVersionNumber, type ExpectedState, type LogRecord } from './log-types';

/**
 * Wire conventions of EventStoreDB's gRPC API, as the client's generated classes expect them:
 * 64-bit numbers are decimal strings (jstype=string), stream names are UTF-8 bytes,
 * 'created' is .NET ticks since the Unix epoch, errors carry an 'exception' trailer the client maps.
 */

export const streamIdentifier = (name: string): StreamIdentifier =>
  new StreamIdentifier().setStreamName(Uint8Array.from(Buffer.from(name, 'utf8')));

export const streamNameOf = (identifier: StreamIdentifier | undefined): string =>
  identifier ? Buffer.from(identifier.getStreamName_asU8()).toString('utf8') : '';

export const uuidToString = (uuid: UUID | undefined): string => {
  if (!uuid) return '';
  if (uuid.hasStructured()) {
    const structured = uuid.getStructured()!;
    const bytes = Buffer.alloc(16);
    bytes.writeBigInt64BE(BigInt.asIntN(64, BigInt(structured.getMostSignificantBits())), 0);
    bytes.writeBigInt64BE(BigInt.asIntN(64, BigInt(structured.getLeastSignificantBits())), 8);
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return uuid.getString();
};

/** A UUID in the form the request asked for (ReadReq.Options.UUIDOption): string or two signed longs. */
export const uuidMessage = (id: string, structured: boolean): UUID => {
  if (!structured) return new UUID().setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
      .setLeastSignificantBits(bytes.readBigInt64BE(8).toString()),
  );
};

export const toReadEvent = (record: LogRecord, structuredIds: boolean): ReadResp.ReadEvent => {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(record.eventId, structuredIds))
    .setStreamIdentifier(streamIdentifier(record.stream))
    .setStreamRevision(record.revision.toString())
    .setPreparePosition(record.position.toString())
    .setCommitPosition(record.position.toString())
    .setData(record.data)
    .setCustomMetadata(record.metadata);
  recorded
    .getMetadataMap()
    .set('type', record.type)
    .set('created', record.created.toString())
    .set('content-type', record.contentType);
  return new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(record.position.toString());
};

/** Options messages of Append, BatchAppend, Delete and Tombstone share these accessors. */
type ExpectationOptions = {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
};

export const expectedStateOf = (options: ExpectationOptions, revision: string | undefined): ExpectedState => {
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  if (revision !== undefined) return { kind: 'revision', revision: BigInt(revision) };
  return { kind: 'any' };
};

const rpcError = (code: status, details: string, trailers: Record<string, string> = {}): ServiceError => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(`${code} ${status[code]}: ${details}`), { code, details, metadata });
};

export const rpcErrors = {
  wrongExpectedVersion: (operation: string, stream: string, expected: ExpectedState, current: bigint | 'no_stream') => {
    const actual = current === 'no_stream' ? -1n : current;
    return rpcError(
      status.FAILED_PRECONDITION,
      `${operation} failed due to WrongExpectedVersion. Stream: ${stream}, ` +
        `Expected version: ${expectedVersionNumber(expected)}, Actual version: ${actual}`,
      {
        exception: 'wrong-expected-version',
        'stream-name': stream,
        'expected-version': expectedVersionNumber(expected).toString(),
        'actual-version': actual.toString(),
      },
    );
  },
  streamDeleted: (stream: string) =>
    rpcError(status.FAILED_PRECONDITION, `Event stream '${stream}' is deleted.`, {
      exception: 'stream-deleted',
      'stream-name': stream,
    }),
  maximumAppendSizeExceeded: (maxAppendSize: number) =>
    rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
      exception: 'maximum-append-size-exceeded',
      'maximum-append-size': String(maxAppendSize),
    }),
  requiredMetadataPropertyMissing: (property: string) =>
    rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
      exception: 'missing-required-metadata-property',
      'required-metadata-properties': 'type,content-type',
    }),
  invalidPosition: () => rpcError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.'),
  invalidArgument: (details: string) => rpcError(status.INVALID_ARGUMENT, details),
  unknown: (details: string) => rpcError(status.UNKNOWN, details),
};
