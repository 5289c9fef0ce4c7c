import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { credentials } from '@grpc/grpc-js';
import {
  ANY,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  MaxAppendSizeExceededError,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  type Filter,
  type Position,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { StreamsClient } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ReadReq, type ReadResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty, StreamIdentifier } from '@eventstore/db-client/generated/shared_pb';
import { EsdbTestServer } from './esdb-test-server';

/** Drives the test server with the real @eventstore/db-client (and raw gRPC where the client hides the wire). */

const servers: EsdbTestServer[] = [];
const clients: EventStoreDBClient[] = [];

const startServer = async (options: Parameters<typeof EsdbTestServer.start>[0] = {}) => {
  const server = await EsdbTestServer.start(options);
  servers.push(server);
  return server;
};

const connect = (connectionString: string): EventStoreDBClient => {
  const client = EventStoreDBClient.connectionString(connectionString);
  clients.push(client);
  return client;
};

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await Promise.all(servers.map((server) => server.stop()));
});

const newStream = (prefix = 'test') => `${prefix}-${randomUUID()}`;
const event = (n = 0, type = 'Tested') => jsonEvent({ type, data: { n }, metadata: { by: 'test' } });
const events = (count: number) => Array.from({ length: count }, (_, n) => event(n));

const collect = async <T>(items: AsyncIterable<T>): Promise<T[]> => {
  const result: T[] = [];
  for await (const item of items) result.push(item);
  return result;
};

const rejection = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
};

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

const eventually = async (check: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never happened: ${what}`);
};

const rawRead = (server: EsdbTestServer, options: ReadReq.Options): Promise<ReadResp[]> => {
  const raw = new StreamsClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
  return collect<ReadResp>(raw.read(new ReadReq().setOptions(options))).finally(() => raw.close());
};

describe('EsdbTestServer', () => {
  let server: EsdbTestServer;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    server = await startServer();
    client = connect(server.connectionString);
  });

  it('puts 64-bit numbers on the wire as decimal strings, never position 0, created as .NET ticks', async () => {
    const stream = newStream();
    const before = BigInt(Date.now()) * 10_000n;
    await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
    const options = new ReadReq.Options()
      .setStream(
        new ReadReq.Options.StreamOptions()
          .setStreamIdentifier(new StreamIdentifier().setStreamName(Buffer.from(stream)))
          .setStart(new Empty()),
      )
      .setCount('10')
      .setNoFilter(new Empty())
      .setUuidOption(new ReadReq.Options.UUIDOption().setString(new Empty()));

    const responses = await rawRead(server, options);

    const recorded = responses.map((response) => response.getEvent()!.getEvent()!);
    expect(recorded).toHaveLength(2);
    for (const [revision, record] of recorded.entries()) {
      expect(record.getStreamRevision()).toBe(String(revision));
      expect(record.getCommitPosition()).toMatch(/^[1-9]\d*$/);
      expect(record.getPreparePosition()).toBe(record.getCommitPosition());
      const created = record.getMetadataMap().get('created')!;
      expect(created).toMatch(/^\d+$/);
      expect(BigInt(created)).toBeGreaterThanOrEqual(before);
      expect(record.getMetadataMap().get('content-type')).toBe('application/json');
    }
    expect(BigInt(recorded[1].getCommitPosition())).toBeGreaterThan(BigInt(recorded[0].getCommitPosition()));
    const [first] = await collect(client.readStream(stream));
    expect(first.event!.created.getTime()).toBeGreaterThanOrEqual(Number(before / 10_000n));
  });

  describe.each([
    ['BatchAppend', true],
    ['Append', false],
  ])('expected revisions through %s', (method, advertiseBatchAppend) => {
    let target: EventStoreDBClient;
    let own: EsdbTestServer;

    beforeAll(async () => {
      own = await startServer({ advertiseBatchAppend });
      target = connect(own.connectionString);
    });

    it('applies any, no_stream, stream_exists and exact revisions like EventStoreDB', async () => {
      const stream = newStream();
      const append = (expectedRevision: AppendExpectedRevision, count = 1) =>
        target.appendToStream(stream, events(count), { expectedRevision });
      const revisionAfter = async (expectedRevision: AppendExpectedRevision, count = 1) =>
        (await append(expectedRevision, count)).nextExpectedRevision;

      expect(await rejection(append(STREAM_EXISTS))).toMatchObject({
        streamName: stream,
        expectedVersion: 'stream_exists',
        actualVersion: 'no_stream',
      });
      expect(await revisionAfter(NO_STREAM)).toBe(0n);
      const conflict = await rejection(append(NO_STREAM));
      expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
      expect(conflict).toMatchObject({ streamName: stream, expectedVersion: 'no_stream', actualVersion: 0n });
      expect(await revisionAfter(STREAM_EXISTS)).toBe(1n);
      expect(await revisionAfter(1n, 2)).toBe(3n);
      expect(await rejection(append(1n))).toMatchObject({ expectedVersion: 1n, actualVersion: 3n });
      expect(await rejection(append(9n))).toMatchObject({ expectedVersion: 9n, actualVersion: 3n });
      expect(await revisionAfter(ANY)).toBe(4n);
      const revisions = (await collect(target.readStream(stream))).map((read) => read.event!.revision);
      expect(revisions).toEqual([0n, 1n, 2n, 3n, 4n]);
    });

    it(`is served by ${method} (ServerFeatures decides)`, () => {
      const stats = own.stats;
      expect(advertiseBatchAppend ? stats.batchAppends : stats.appends).toBeGreaterThan(0);
      expect(advertiseBatchAppend ? stats.appends : stats.batchAppends).toBe(0);
    });

    it('answers a retried append (same event ids, same expectation) with the original result', async () => {
      const stream = newStream();
      const batch = events(2);
      const first = await target.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
      const retry = await target.appendToStream(stream, batch, { expectedRevision: NO_STREAM });
      expect(retry).toEqual(first);
      expect(await collect(target.readStream(stream))).toHaveLength(2);
    });
  });

  it('rejects an append larger than the maximum append size', async () => {
    const small = await startServer({ maxAppendSize: 1024 });
    const big = jsonEvent({ type: 'Big', data: { text: 'x'.repeat(2048) } });
    const error = await rejection(connect(small.connectionString).appendToStream(newStream(), big));
    expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
    expect(error).toMatchObject({ maxAppendSize: 1024 });
  });

  it('soft-deletes: conflicts are FAILED_PRECONDITION, then not found, numbering and $all kept', async () => {
    const stream = newStream();
    const written = await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });

    const conflict = await rejection(client.deleteStream(stream, { expectedRevision: 5n }));
    expect(conflict).toBeInstanceOf(WrongExpectedVersionError);
    expect(conflict).toMatchObject({ code: 9, streamName: stream, expectedVersion: 5n, actualVersion: 1n });

    const deleted = await client.deleteStream(stream, { expectedRevision: 1n });
    expect(deleted.position!.commit).toBeGreaterThan(written.position!.commit);
    expect(await rejection(collect(client.readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    const inAll = server.records().filter((record) => record.stream === stream || record.stream === `$$${stream}`);
    expect(inAll.map((record) => record.type)).toEqual(['Tested', 'Tested', '$metadata']);

    const recreated = await client.appendToStream(stream, event(2), { expectedRevision: NO_STREAM });
    expect(recreated.nextExpectedRevision).toBe(2n);
    expect((await collect(client.readStream(stream))).map((read) => read.event!.revision)).toEqual([2n]);
  });

  it('tombstones: reads and writes fail with StreamDeleted, the $streamDeleted event stays in $all', async () => {
    const stream = newStream();
    await client.appendToStream(stream, event(), { expectedRevision: NO_STREAM });
    await client.tombstoneStream(stream);

    expect(await rejection(collect(client.readStream(stream)))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(client.appendToStream(stream, event()))).toBeInstanceOf(StreamDeletedError);
    expect(await rejection(client.deleteStream(stream))).toBeInstanceOf(StreamDeletedError);
    expect(server.records().filter((record) => record.stream === stream).map((record) => record.type)).toEqual([
      'Tested',
      '$streamDeleted',
    ]);
  });

  it('reads $all forwards from a position (inclusive), backwards (exclusive), and rejects made-up ones', async () => {
    const stream = newStream();
    await client.appendToStream(stream, events(3), { expectedRevision: NO_STREAM });
    const positions = (await collect(client.readStream(stream))).map((read) => read.event!.position!);
    const commits = async (read: AsyncIterable<AllStreamResolvedEvent>) =>
      (await collect(read)).map((item) => item.event!.position.commit);

    expect(await commits(client.readAll({ fromPosition: positions[0], maxCount: 2 }))).toEqual([
      positions[0].commit,
      positions[1].commit,
    ]);
    expect(await commits(client.readAll({ fromPosition: positions[2], direction: BACKWARDS, maxCount: 2 }))).toEqual([
      positions[1].commit,
      positions[0].commit,
    ]);
    const head = await collect(client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 }));
    expect(head[0].event!.position).toEqual(positions[2]);
    expect(await collect(client.readAll({ fromPosition: END, direction: FORWARDS }))).toEqual([]);

    const made = { commit: positions[0].commit + 1n, prepare: positions[0].commit + 1n };
    expect(await rejection(collect(client.readAll({ fromPosition: made })))).toMatchObject({ code: 3 });
  });

  it('filters $all reads on the server', async () => {
    const stream = newStream('filtered');
    await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
    server.appendForeign(newStream('other'), [{ type: 'Other' }]);
    const filter = new ReadReq.Options.FilterOptions()
      .setStreamIdentifier(new ReadReq.Options.FilterOptions.Expression().setPrefixList([stream]))
      .setCount(new Empty())
      .setCheckpointintervalmultiplier(1);
    const options = new ReadReq.Options()
      .setAll(new ReadReq.Options.AllOptions().setEnd(new Empty()))
      .setReadDirection(ReadReq.Options.ReadDirection.BACKWARDS)
      .setCount('10')
      .setFilter(filter)
      .setUuidOption(new ReadReq.Options.UUIDOption().setStructured(new Empty()));

    const responses = await rawRead(server, options);

    const revisions = responses.map((response) => response.getEvent()!.getEvent()!.getStreamRevision());
    expect(revisions).toEqual(['1', '0']);
    expect(responses[0].getEvent()!.getEvent()!.getId()!.hasStructured()).toBe(true);
  });

  describe('subscriptions', () => {
    const until = <T>(subscription: NodeJS.EventEmitter, name: string): Promise<T> =>
      new Promise((resolve) => subscription.once(name, resolve));

    it('to $all: exclusive of the start position, caught-up, then live', async () => {
      const stream = newStream();
      await client.appendToStream(stream, events(3), { expectedRevision: NO_STREAM });
      const [first, ...rest] = (await collect(client.readStream(stream))).map((read) => read.event!.position!);
      const subscription = client.subscribeToAll({ fromPosition: first });
      const received: bigint[] = [];
      let caughtUpAt = -1;
      subscription.on('caughtUp', () => (caughtUpAt = received.length));
      subscription.on('data', (resolved: AllStreamResolvedEvent) => {
        if (resolved.event?.streamId === stream) received.push(resolved.event.position.commit);
      });
      await eventually(() => caughtUpAt >= 0, 'caught up');
      const live = await client.appendToStream(stream, event(3), { expectedRevision: 2n });
      await eventually(() => received.length === 3, 'live event');
      await subscription.unsubscribe();

      expect(received).toEqual([...rest.map((position) => position.commit), live.position!.commit]);
      expect(caughtUpAt).toBe(2);
    });

    it('with a filter: matching events only, a checkpoint every interval × window events considered', async () => {
      const own = await startServer();
      const ownClient = connect(own.connectionString);
      own.appendForeign(newStream('other'), Array.from({ length: 50 }, () => ({ type: 'Other' })));
      const [mine] = own.appendForeign(newStream('mine'), [{ type: 'Mine' }]);
      const records = own.records();
      const checkpoints: Position[] = [];
      const subscription = ownClient.subscribeToAll({
        fromPosition: START,
        filter: streamNameFilter({
          prefixes: ['mine-'],
          maxSearchWindow: 10,
          checkpointInterval: 2,
          checkpointReached: (_subscription, position) => void checkpoints.push(position),
        }),
      });
      const received: string[] = [];
      subscription.on('data', (resolved: ResolvedEvent) => received.push(resolved.event!.streamId));
      await until(subscription, 'caughtUp');
      await subscription.unsubscribe();

      expect(received).toEqual([records[records.length - 1].stream]);
      expect(checkpoints.map((position) => position.commit)).toEqual([
        records[19].position,
        records[39].position,
        mine,
      ]);
    });

    type Wanted = (stream: string, type: string) => boolean;
    it.each<[string, () => Filter, Wanted]>([
      ['stream name regex', () => streamNameFilter({ regex: '^regex-' }), (stream) => stream.startsWith('regex-')],
      ['event type prefix', () => eventTypeFilter({ prefixes: ['Wanted'] }), (_, type) => type.startsWith('Wanted')],
      ['excludeSystemEvents', () => excludeSystemEvents(), (_, type) => !type.startsWith('$')],
    ])('with a %s filter', async (_name, filter, expected) => {
      const own = await startServer();
      const ownClient = connect(own.connectionString);
      own.appendForeign(newStream('regex'), [{ type: 'Wanted' }, { type: '$system' }]);
      own.appendForeign(newStream('plain'), [{ type: 'WantedToo' }, { type: 'Unwanted' }]);
      const subscription = ownClient.subscribeToAll({ fromPosition: START, filter: filter() });
      const received: string[] = [];
      subscription.on('data', ({ event }: ResolvedEvent) => received.push(`${event!.streamId}|${event!.type}`));
      await until(subscription, 'caughtUp');
      await subscription.unsubscribe();

      const wanted = own
        .records()
        .filter((record) => expected(record.stream, record.type))
        .map((record) => `${record.stream}|${record.type}`);
      expect(received).toEqual(wanted);
    });

    it('to a stream that does not exist yet: caught-up, then its events', async () => {
      const stream = newStream();
      const subscription = client.subscribeToStream(stream);
      const received: bigint[] = [];
      subscription.on('data', (resolved: ResolvedEvent) => received.push(resolved.event!.revision));
      await until(subscription, 'caughtUp');
      await client.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
      await eventually(() => received.length === 2, 'stream events');
      await subscription.unsubscribe();
      expect(received).toEqual([0n, 1n]);
    });

    it('holds back a subscriber that stops reading (waits for drain) and loses nothing', async () => {
      const own = await startServer({ seedSystemEvents: false });
      const payload = 'x'.repeat(4096);
      for (let i = 0; i < 10; i++) {
        const bulk = Array.from({ length: 100 }, (_, n) => ({ type: 'Bulk', data: { n, payload } }));
        own.appendForeign(newStream('bulk'), bulk);
      }
      const subscription = connect(own.connectionString).subscribeToAll({ fromPosition: START });
      const iterator = subscription[Symbol.asyncIterator]();
      await iterator.next();

      let sent = -1;
      let stable = 0;
      await eventually(() => {
        stable = own.stats.subscriptionEventsSent === sent ? stable + 1 : 0;
        sent = own.stats.subscriptionEventsSent;
        return stable >= 8;
      }, 'the server to stop sending');
      expect(sent).toBeLessThan(1000);

      let count = 1;
      while (count < 1000) {
        const next = await iterator.next();
        if (next.done) break;
        count += 1;
      }
      await subscription.unsubscribe();
      expect(count).toBe(1000);
    });
  });

  it('resolves esdb+discover:// and multi-host connection strings through gossip', async () => {
    const dead = await freePort();
    for (const connectionString of [
      server.discoverConnectionString,
      `esdb://127.0.0.1:${dead},127.0.0.1:${server.port}?tls=false&nodePreference=leader`,
    ]) {
      const discovering = connect(connectionString);
      const stream = newStream();
      await discovering.appendToStream(stream, event(), { expectedRevision: NO_STREAM });
      expect(await collect(discovering.readStream(stream))).toHaveLength(1);
    }
  });

  it('stop() drops connections like a crash; restart() serves the same data on the same port', async () => {
    const own = await startServer();
    const ownClient = connect(own.connectionString);
    const stream = newStream();
    await ownClient.appendToStream(stream, events(2), { expectedRevision: NO_STREAM });
    const subscription = ownClient.subscribeToAll({ fromPosition: END });
    const dropped = new Promise<unknown>((resolve) => subscription.once('error', resolve));
    await new Promise((resolve) => subscription.once('caughtUp', resolve));
    const port = own.port;

    await own.stop();

    expect(await dropped).toBeInstanceOf(Error);
    expect(await rejection(ownClient.appendToStream(stream, event()))).toBeInstanceOf(Error);
    await own.restart();
    expect(own.port).toBe(port);
    const again = connect(own.connectionString);
    expect((await collect(again.readStream(stream))).map((read) => read.event!.revision)).toEqual([0n, 1n]);
  });
});
