import type { CallOptions, Client as GrpcClient, ClientReadableStream, Metadata } from '@grpc/grpc-js';
import { convertToCommandError, type BaseOptions, type EventStoreDBClient } from '@eventstore/db-client';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { Direction } from '../event-store';
import { LEDGER_STREAM_PREFIXES } from '../streams';
import type { EsdbRecord } from './esdb-event-codec';

/**
 * A $all read filtered on the server to the ledger's stream prefixes.
 *
 * Why not client.readAll(): @eventstore/db-client 6.2.1 only filters subscriptions; its readAll always
 * sends "no filter", so every foreign event would cross the wire. The wire protocol has filtered reads
 * (EventStoreDB ≥ 20.6), so this builds the ReadReq with the client's generated classes and sends it
 * through the client's own (protected) stream factory: same channel, TLS, discovery, credentials and
 * reconnection as every other call. Pinned to the installed client version; revisit when upgrading.
 */

type ClientInternals = {
  GRPCStreamCreator: <C extends GrpcClient, T extends ClientReadableStream<ReadResp>>(
    Client: new (...args: never[]) => C,
    debugName: string,
    creator: (client: C) => T,
  ) => () => Promise<T>;
  callArguments: (options: BaseOptions, callOptions?: CallOptions) => [Metadata, CallOptions];
};

/** Records considered per server-side page while searching for matching events. */
const SEARCH_WINDOW = 500;

export type FilteredReadOptions = Readonly<{
  direction: Direction;
  /** Commit position to start at: forwards inclusive, backwards exclusive (EventStoreDB's own rules). */
  from?: bigint;
  count: number;
  signal: AbortSignal;
}>;

const readRequest = ({ direction, from, count }: FilteredReadOptions): ReadReq => {
  const all = new ReadReq.Options.AllOptions();
  if (from === undefined) {
    if (direction === 'forwards') all.setStart(new Empty());
    else all.setEnd(new Empty());
  } else {
    all.setPosition(
      new ReadReq.Options.Position().setCommitPosition(from.toString()).setPreparePosition(from.toString()),
    );
  }
  const filter = new ReadReq.Options.FilterOptions()
    .setStreamIdentifier(new ReadReq.Options.FilterOptions.Expression().setPrefixList([...LEDGER_STREAM_PREFIXES]))
    .setMax(SEARCH_WINDOW)
    .setCheckpointintervalmultiplier(1);
  const options = new ReadReq.Options()
    .setAll(all)
    .setReadDirection(
      direction === 'forwards' ? ReadReq.Options.ReadDirection.FORWARDS : ReadReq.Options.ReadDirection.BACKWARDS,
    )
    .setResolveLinks(false)
    .setCount(String(count))
    .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()))
    .setFilter(filter);
  return new ReadReq().setOptions(options);
};

const toRecord = (event: ReadResp.ReadEvent.RecordedEvent, commitPosition: string | undefined): EsdbRecord => {
  const metadata = event.getMetadataMap();
  const parse = (bytes: Uint8Array): unknown => {
    if (bytes.length === 0) return undefined;
    try {
      return JSON.parse(Buffer.from(bytes).toString('utf8'));
    } catch {
      return bytes;
    }
  };
  return {
    streamId: Buffer.from(event.getStreamIdentifier()?.getStreamName_asU8() ?? []).toString('utf8'),
    id: event.getId()?.getString() ?? '',
    revision: BigInt(event.getStreamRevision()),
    type: metadata.get('type') ?? '',
    isJson: metadata.get('content-type') === 'application/json',
    data: parse(event.getData_asU8()),
    metadata: parse(event.getCustomMetadata_asU8()),
    position: BigInt(commitPosition ?? event.getCommitPosition()),
  };
};

/** Reads up to `count` records of ledger streams from $all, in the given direction. */
export const readLedgerRecords = async (
  client: EventStoreDBClient,
  options: FilteredReadOptions,
): Promise<EsdbRecord[]> => {
  // Bracket access reaches the client's protected members; see the note at the top of this file.
  const internals: ClientInternals = {
    GRPCStreamCreator: client['GRPCStreamCreator'] as unknown as ClientInternals['GRPCStreamCreator'],
    callArguments: client['callArguments'],
  };
  const request = readRequest(options);
  const stream = await internals.GRPCStreamCreator(StreamsClient, 'readAllFiltered', (grpc) =>
    grpc.read(request, ...internals.callArguments({}, { deadline: Infinity })),
  )();
  const cancel = () => stream.cancel();
  options.signal.addEventListener('abort', cancel, { once: true });
  const records: EsdbRecord[] = [];
  try {
    for await (const response of stream as AsyncIterable<ReadResp>) {
      const event = response.getEvent();
      const recorded = event?.getEvent();
      if (event && recorded) {
        records.push(toRecord(recorded, event.hasCommitPosition() ? event.getCommitPosition() : undefined));
      }
    }
  } catch (error) {
    throw convertToCommandError(error as Error);
  } finally {
    options.signal.removeEventListener('abort', cancel);
  }
  return records;
};
