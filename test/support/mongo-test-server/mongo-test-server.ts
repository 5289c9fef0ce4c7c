/**
 * MongoTestServer: a MongoDB wire-protocol server for tests, so the real `mongodb` driver can
 * run against an in-memory database without a mongod. Never import it from production code.
 *
 * What it models
 * - Wire protocol: OP_MSG (body and document-sequence sections, checksum and moreToCome flags,
 *   exhaustAllowed streaming hello), plus the legacy OP_QUERY hello/isMaster handshake.
 * - A single-node replica set primary (MongoDB 8.0, wire version 25) with logical sessions,
 *   retryable writes (replies replayed on retry) and multi-document transactions.
 * - Commands: hello/isMaster, ping, buildInfo, getParameter, connectionStatus, startSession,
 *   refreshSessions, endSessions, killSessions, listDatabases, listCollections, create, drop,
 *   dropDatabase, renameCollection, listIndexes, createIndexes, dropIndexes, insert, update,
 *   delete, findAndModify, find, getMore, killCursors, count, distinct, aggregate,
 *   commitTransaction, abortTransaction. Anything else answers CommandNotFound (59).
 * - Queries and aggregation pipelines through mingo, with mongod's validation errors in front
 *   (unknown operators, malformed arguments); BSON-order sorting (find and $sort alike); update
 *   operators implemented here with mongod's errors; unique (also compound, sparse, partial and
 *   multikey) indexes enforced with E11000 errors.
 * - Transactions: snapshot isolation with document-level optimistic concurrency (see
 *   TransactionCoordinator): a second transaction writing a document gets WriteConflict (112,
 *   TransientTransactionError) at once; a plain write to a document an open transaction holds
 *   waits until it commits, aborts or exceeds its lifetime (60 s). Any error inside a transaction
 *   aborts it (then NoSuchTransaction, 251). A race for a secondary unique key between a
 *   transaction and any other writer is caught at the transaction's commit, as WriteConflict.
 *   Commands otherwise run one at a time.
 *
 * What it does not model
 * Requests that ask for these fail with NotImplemented (238) or CommandNotFound (59) rather than
 * being ignored: change streams, tailable cursors, $out/$merge and the other stages listed in
 * Aggregation, explain, views, capped/time-series collections, validators, collation, geo and
 * text queries and indexes, $where/$function (JavaScript is off, as with
 * security.javascriptEnabled=false), positional ($) projection, database-level aggregate other
 * than $documents, dbStats/collStats/serverStatus and other admin commands.
 * Accepted but not modelled: authentication and TLS (none offered), compression (not
 * advertised), the oplog and replication, read/write concern beyond acknowledging, causal
 * consistency (operationTime is reported, afterClusterTime accepted), TTL expiry, cursor
 * timeouts, maxTimeMS, query planning (hint ignored), OP_MSG checksum verification (stripped,
 * not checked), exact numeric types (int64 values within 53 bits are held as JS numbers and come
 * back as int32/double, as the driver's default promoteLongs shows them anyway), field order of
 * computed fields in aggregation $project (mingo's), persistence (memory only, until stop() or
 * reset()).
 */
import { createServer, type Server, type Socket } from 'node:net';
import { CommandDispatcher } from './commands/command-dispatcher';
import { ServerState } from './server-state';
import { ClientConnection } from './wire/client-connection';

/** Options of {@link MongoTestServer.start}. */
export interface MongoTestServerOptions {
  /** Replica set name the server reports (and the uri names). Default 'rs0'. */
  readonly replicaSetName?: string;
  /** Transactions left open longer are aborted, as transactionLifetimeLimitSeconds. Default 60. */
  readonly transactionLifetimeLimitSeconds?: number;
}

/** A running test server on 127.0.0.1 and a random port. */
export class MongoTestServer {
  private readonly connections = new Set<ClientConnection>();
  private readonly dispatcher: CommandDispatcher;

  private constructor(
    private readonly server: Server,
    private readonly state: ServerState,
    /** The TCP port the server listens on. */
    readonly port: number,
  ) {
    this.dispatcher = new CommandDispatcher(state);
  }

  /** Starts a server on 127.0.0.1 and a free port. */
  static async start(options: MongoTestServerOptions = {}): Promise<MongoTestServer> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port: 0 }, () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('MongoTestServer: no TCP address');
    const state = new ServerState({
      host: `127.0.0.1:${address.port}`,
      setName: options.replicaSetName ?? 'rs0',
      version: '8.0.0',
      maxWireVersion: 25,
      transactionLifetimeLimitMs: (options.transactionLifetimeLimitSeconds ?? 60) * 1000,
    });
    const instance = new MongoTestServer(server, state, address.port);
    server.on('connection', (socket: Socket) => instance.accept(socket));
    return instance;
  }

  /** Connection string for the replica set (sessions and transactions work). */
  get uri(): string {
    return `mongodb://${this.state.identity.host}/?replicaSet=${encodeURIComponent(this.state.identity.setName)}`;
  }

  /** Connection string for a direct connection to the single node. */
  get directUri(): string {
    return `mongodb://${this.state.identity.host}/?directConnection=true`;
  }

  /** Cursors still open on the server (not exhausted, not killed). */
  get openCursorCount(): number {
    return this.state.cursors.openCount;
  }

  /** Client connections currently open. */
  get connectionCount(): number {
    return this.connections.size;
  }

  /** Drops all data, sessions, transactions and cursors; connections stay open. */
  reset(): void {
    this.state.reset();
  }

  /** Closes every connection and stops listening. */
  async stop(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const connection of [...this.connections]) connection.close();
    this.state.reset();
    await closed;
  }

  private accept(socket: Socket): void {
    const connection = new ClientConnection(socket, this.dispatcher, this.state, (c) => this.connections.delete(c));
    this.connections.add(connection);
  }
}
