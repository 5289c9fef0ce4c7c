/**
 * MongoTestServer at the byte level: message framing and flags the driver rarely or never
 * exercises on its own (checksums, document sequences, moreToCome, exhaust, legacy OP_QUERY).
 */
import { connect, type Socket } from 'node:net';
import { deserialize, serialize, type Document } from 'bson';
import { MongoTestServer } from './index';

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const CHECKSUM_PRESENT = 1 << 0;
const MORE_TO_COME = 1 << 1;
const EXHAUST_ALLOWED = 1 << 16;

interface Reply {
  readonly opCode: number;
  readonly requestId: number;
  readonly responseTo: number;
  readonly flags: number;
  readonly doc: Document;
}

/** A bare socket speaking the wire protocol, one decoded reply at a time. */
class RawClient {
  private buffered = Buffer.alloc(0);
  private readonly replies: Reply[] = [];
  private readonly waiting: Array<(reply: Reply) => void> = [];
  private nextId = 100;
  readonly closed: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    this.closed = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  static async open(port: number): Promise<RawClient> {
    const socket = connect({ host: '127.0.0.1', port });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawClient(socket);
  }

  /** Sends an OP_MSG with the given sections; returns its request id. */
  sendMsg(body: Document, options: { flags?: number; sequences?: Record<string, Document[]> } = {}): number {
    const flags = options.flags ?? 0;
    const sections: Buffer[] = [Buffer.from([0]), Buffer.from(serialize(body))];
    for (const [identifier, docs] of Object.entries(options.sequences ?? {})) {
      const payload = Buffer.concat([Buffer.from(`${identifier}\0`), ...docs.map((d) => Buffer.from(serialize(d)))]);
      const size = Buffer.alloc(4);
      size.writeInt32LE(payload.length + 4);
      sections.push(Buffer.from([1]), size, payload);
    }
    const flagBytes = Buffer.alloc(4);
    flagBytes.writeUInt32LE(flags >>> 0);
    const checksum = flags & CHECKSUM_PRESENT ? [Buffer.alloc(4)] : [];
    return this.send(OP_MSG, Buffer.concat([flagBytes, ...sections, ...checksum]));
  }

  /** Sends a legacy OP_QUERY against `collection`. */
  sendQuery(collection: string, query: Document): number {
    const counts = Buffer.alloc(8);
    counts.writeInt32LE(0, 0);
    counts.writeInt32LE(-1, 4);
    return this.send(OP_QUERY, Buffer.concat([Buffer.alloc(4), Buffer.from(`${collection}\0`), counts, Buffer.from(serialize(query))]));
  }

  sendRaw(opCode: number, payload: Buffer): number {
    return this.send(opCode, payload);
  }

  next(): Promise<Reply> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Sends an OP_MSG and waits for its reply. */
  async command(body: Document): Promise<Document> {
    this.sendMsg(body);
    return (await this.next()).doc;
  }

  close(): void {
    this.socket.destroy();
  }

  private send(opCode: number, payload: Buffer): number {
    const requestId = this.nextId++;
    const header = Buffer.alloc(16);
    header.writeInt32LE(16 + payload.length, 0);
    header.writeInt32LE(requestId, 4);
    header.writeInt32LE(0, 8);
    header.writeInt32LE(opCode, 12);
    this.socket.write(Buffer.concat([header, payload]));
    return requestId;
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
      const length = this.buffered.readInt32LE(0);
      const message = this.buffered.subarray(0, length);
      this.buffered = this.buffered.subarray(length);
      const opCode = message.readInt32LE(12);
      const reply: Reply = {
        opCode,
        requestId: message.readInt32LE(4),
        responseTo: message.readInt32LE(8),
        flags: opCode === OP_MSG ? message.readUInt32LE(16) : message.readInt32LE(16),
        doc: deserialize(opCode === OP_MSG ? message.subarray(21) : message.subarray(36)),
      };
      const waiter = this.waiting.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    }
  }
}

let server: MongoTestServer;
let raw: RawClient;

beforeAll(async () => {
  server = await MongoTestServer.start();
});

afterAll(async () => {
  await server.stop();
});

beforeEach(async () => {
  raw = await RawClient.open(server.port);
});

afterEach(() => {
  raw.close();
});

describe('wire protocol', () => {
  it('answers the legacy OP_QUERY isMaster handshake with an OP_REPLY', async () => {
    const requestId = raw.sendQuery('admin.$cmd', { isMaster: 1, helloOk: true, client: { driver: { name: 'raw' } } });
    const reply = await raw.next();
    expect(reply.opCode).toBe(OP_REPLY);
    expect(reply.responseTo).toBe(requestId);
    expect(reply.doc).toMatchObject({ ismaster: true, helloOk: true, setName: 'rs0', ok: 1 });
  });

  it('refuses other OP_QUERY commands as mongod 5.1+ does', async () => {
    raw.sendQuery('admin.$cmd', { ping: 1 });
    const reply = await raw.next();
    expect(reply.doc).toMatchObject({ ok: 0, code: 352, codeName: 'UnsupportedOpQueryCommand' });
  });

  it('accepts OP_MSG with a trailing checksum', async () => {
    const requestId = raw.sendMsg({ ping: 1, $db: 'admin' }, { flags: CHECKSUM_PRESENT });
    const reply = await raw.next();
    expect(reply.opCode).toBe(OP_MSG);
    expect(reply.responseTo).toBe(requestId);
    expect(reply.doc).toMatchObject({ ok: 1 });
  });

  it('folds kind-1 document sequences into the command', async () => {
    raw.sendMsg({ insert: 'seq', $db: 'wire' }, { sequences: { documents: [{ _id: 1 }, { _id: 2 }] } });
    expect((await raw.next()).doc).toMatchObject({ n: 2, ok: 1 });
    const found = await raw.command({ find: 'seq', $db: 'wire' });
    expect(found.cursor.firstBatch).toEqual([{ _id: 1 }, { _id: 2 }]);
  });

  it('does not reply to a moreToCome (unacknowledged) request but executes it', async () => {
    raw.sendMsg({ insert: 'w0', documents: [{ _id: 'quiet' }], writeConcern: { w: 0 }, $db: 'wire' }, { flags: MORE_TO_COME });
    const found = await raw.command({ find: 'w0', $db: 'wire' });
    expect(found.cursor.firstBatch).toEqual([{ _id: 'quiet' }]);
  });

  it('requires $db', async () => {
    await expect(raw.command({ ping: 1 })).resolves.toMatchObject({ ok: 0, code: 40571 });
  });

  it('answers InvalidBSON for an unparsable body', async () => {
    const body = Buffer.from(serialize({ ping: 1, $db: 'admin' }));
    body.writeInt32LE(body.length + 100, 0);
    raw.sendRaw(OP_MSG, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), body]));
    await expect(raw.next()).resolves.toMatchObject({ doc: { ok: 0, code: 22 } });
  });

  it('streams awaitable hello replies with moreToCome when exhaust is allowed', async () => {
    const hello = await raw.command({ hello: 1, $db: 'admin' });
    const requestId = raw.sendMsg(
      { hello: 1, topologyVersion: hello.topologyVersion, maxAwaitTimeMS: 20, $db: 'admin' },
      { flags: EXHAUST_ALLOWED },
    );
    const first = await raw.next();
    const second = await raw.next();
    expect(first.responseTo).toBe(requestId);
    expect(first.flags & MORE_TO_COME).toBe(MORE_TO_COME);
    expect(second.responseTo).toBe(first.requestId);
    expect(second.doc).toMatchObject({ isWritablePrimary: true, ok: 1 });
  });

  it('closes connections that use removed opcodes', async () => {
    raw.sendRaw(2001, Buffer.alloc(8));
    await raw.closed;
  });
});
