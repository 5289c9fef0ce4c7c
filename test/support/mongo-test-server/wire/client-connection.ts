import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import type { CommandDispatcher } from '../commands/command-dispatcher';
import { HandshakeCommands } from '../commands/handshake-commands';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { ServerState } from '../server-state';
import { MessageReader } from './message-reader';
import { MsgFlags, WireCodec, WireFormatError, type OpMsgRequest, type OpQueryRequest } from './wire-codec';

const HELLO_NAMES = new Set(['hello', 'isMaster', 'ismaster']);

/**
 * One client socket. Requests are handled one after another, as mongod does per connection.
 * Monitoring connections get the streaming hello protocol: an awaitable hello (topologyVersion +
 * maxAwaitTimeMS) is answered after maxAwaitTimeMS, and with exhaustAllowed the server keeps
 * sending moreToCome replies on that schedule until the socket closes.
 */
export class ClientConnection {
  readonly id: number;
  private readonly reader = new MessageReader();
  private queue: Promise<void> = Promise.resolve();
  private nextRequestId = 1;
  private closed = false;
  private readonly waits = new Set<() => void>();

  constructor(
    private readonly socket: Socket,
    private readonly dispatcher: CommandDispatcher,
    private readonly state: ServerState,
    private readonly onClose: (connection: ClientConnection) => void,
  ) {
    this.id = state.connectionId();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
  }

  /** Closes the socket and stops any pending awaitable hello. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const wake of this.waits) wake();
    this.waits.clear();
    this.socket.destroy();
    this.onClose(this);
  }

  private receive(chunk: Buffer): void {
    let messages: Buffer[];
    try {
      messages = this.reader.push(chunk);
    } catch {
      this.close();
      return;
    }
    for (const message of messages) {
      this.queue = this.queue.then(() => this.handle(message)).catch(() => this.close());
    }
  }

  private async handle(message: Buffer): Promise<void> {
    if (this.closed) return;
    let request;
    try {
      request = WireCodec.decode(message);
    } catch (error) {
      if (!(error instanceof WireFormatError)) throw error;
      const header = WireCodec.header(message);
      const reply = new CommandError(ErrorCode.InvalidBSON, error.message).toReply();
      this.send(WireCodec.encodeMsg(this.nextId(), header.requestId, reply));
      return;
    }
    if (request.kind === 'unsupported') {
      // mongod closes connections that speak removed opcodes
      this.close();
      return;
    }
    if (request.kind === 'query') {
      this.handleLegacyQuery(request);
      return;
    }
    await this.handleMsg(request);
  }

  private async handleMsg(request: OpMsgRequest): Promise<void> {
    const body = BsonValues.normalizeIncoming(request.body);
    const name = Object.keys(body)[0];
    if (HELLO_NAMES.has(name) && body.maxAwaitTimeMS !== undefined && BsonValues.isDocument(body.topologyVersion)) {
      await this.awaitableHello(request, body);
      return;
    }
    const reply = await this.dispatcher.dispatch(body, this.id);
    // moreToCome from the client: an unacknowledged (w:0) write, no reply
    if (request.flags & MsgFlags.moreToCome) return;
    this.send(WireCodec.encodeMsg(this.nextId(), request.header.requestId, reply));
  }

  private async awaitableHello(request: OpMsgRequest, body: Document): Promise<void> {
    const waitMs = Math.max(0, BsonValues.toNumber(body.maxAwaitTimeMS));
    const topology = body.topologyVersion as Document;
    const unchanged = BsonValues.equals(topology.processId, this.state.processId);
    const exhaust = (request.flags & MsgFlags.exhaustAllowed) !== 0;
    let responseTo = request.header.requestId;
    // the topology never changes here, so a matching topologyVersion always waits the full time
    if (unchanged) await this.sleep(waitMs);
    while (!this.closed) {
      const reply = await this.dispatcher.dispatch(body, this.id);
      const requestId = this.nextId();
      this.send(WireCodec.encodeMsg(requestId, responseTo, reply, exhaust ? MsgFlags.moreToCome : 0));
      if (!exhaust) return;
      responseTo = requestId;
      await this.sleep(waitMs);
    }
  }

  private handleLegacyQuery(request: OpQueryRequest): void {
    const query = BsonValues.isDocument(request.query.$query) ? (request.query.$query as Document) : request.query;
    const name = Object.keys(query)[0] ?? '';
    const reply =
      request.collection.endsWith('.$cmd') && HELLO_NAMES.has(name)
        ? HandshakeCommands.hello(this.state, name, query, this.id)
        : new CommandError(
            ErrorCode.UnsupportedOpQueryCommand,
            `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade. For more details see https://dochub.mongodb.org/core/legacy-opcode-removal`,
          ).toReply();
    this.send(WireCodec.encodeReply(this.nextId(), request.header.requestId, reply));
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const wake = (): void => {
        clearTimeout(timer);
        this.waits.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.waits.add(wake);
    });
  }

  private send(message: Buffer): void {
    if (!this.closed) this.socket.write(message);
  }

  private nextId(): number {
    this.nextRequestId = (this.nextRequestId % 0x7fffffff) + 1;
    return this.nextRequestId;
  }
}
