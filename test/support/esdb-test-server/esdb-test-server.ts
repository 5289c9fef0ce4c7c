/**
 * A wire-level EventStoreDB test server, for tests only (never import it from production code).
 *
 * It speaks EventStoreDB's gRPC protocol with the service definitions and message classes that
 * @eventstore/db-client ships (so the real client talks to it unchanged) and keeps its data in memory.
 *
 * Modelled:
 * - Streams.Read: stream reads forwards/backwards from start/end/revision; $all reads forwards/backwards
 *   from start/end/position, with or without a server-side filter; catch-up subscriptions to a stream or
 *   to $all (confirmation, events after the start exclusive of it, 'caught up', live events); filtered
 *   $all subscriptions with a checkpoint every checkpointInterval × maxSearchWindow considered events and
 *   one when catch-up ends; back-pressure (waits for grpc's 'drain').
 * - Streams.Append, Streams.BatchAppend, Streams.Delete (soft), Streams.Tombstone (hard).
 * - Expected revisions any / no_stream / stream_exists / exact, with EventStoreDB's error shapes:
 *   WrongExpectedVersion as a normal Append response, as a packed google.rpc.Status in BatchAppend,
 *   as FAILED_PRECONDITION with trailers from Delete/Tombstone; StreamDeleted, MaximumAppendSizeExceeded
 *   and missing 'type'/'content-type' likewise. Idempotent retries (same event ids at the same place).
 * - Log positions: byte-like, commit = prepare, never 0, gaps between events; invalid read positions are
 *   rejected. Revisions and positions are decimal strings; 'created' is .NET ticks since the Unix epoch.
 * - Soft-deleted streams read as not found, keep their numbering and can be recreated; their events and a
 *   `$metadata` event stay in $all. Tombstoned streams fail reads and writes with StreamDeleted and leave
 *   a `$streamDeleted` event in $all.
 * - ServerFeatures (advertises BatchAppend unless told not to) and Gossip (a one-member cluster led by
 *   this server, so esdb+discover:// and multi-host connection strings work).
 * - stop() drops every connection abruptly, like a crash; restart() listens again on the same port
 *   with the same data.
 *
 * Not modelled: authentication and ACLs (credentials are ignored), TLS, persistent subscriptions,
 * projections and the system streams they write ($by_category, $ce-, $et-), resolveLinkTos/link events,
 * stream metadata reads/writes other than the soft delete's $tb ($maxAge, $maxCount, $cacheControl),
 * scavenging, clustering beyond gossip (no followers, NotLeader, requires-leader), request deadlines
 * inside BatchAppend, FellBehind (catch-up and live share one cursor, so a subscription never falls
 * behind), first/last stream position messages, the HTTP API, and on-disk persistence.
 */
import { Server, ServerCredentials, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { AppendHandler } from './append-handler';
import { BatchAppendHandler } from './batch-append-handler';
import { ClusterHandlers } from './cluster-handlers';
import { DeleteHandler } from './delete-handler';
import type { LogRecord, ProposedEvent } from './log-types';
import { ReadHandler } from './read-handler';
import type { ServerContext, ServerStats } from './server-context';
import { TransactionLog } from './transaction-log';

export type EsdbTestServerOptions = Readonly<{
  /** Default: a free port chosen by the OS. */
  port?: number;
  /** Advertise Streams.BatchAppend in ServerFeatures (the client then uses it for appends). Default true. */
  advertiseBatchAppend?: boolean;
  /** Bytes of data + metadata one append may carry. Default 1 MiB, as EventStoreDB. */
  maxAppendSize?: number;
  /** Reported by ServerFeatures. */
  serverVersion?: string;
  /** Write a few system events first, as a fresh EventStoreDB has some in $all. Default true. */
  seedSystemEvents?: boolean;
}>;

/** An event another application (or EventStoreDB itself) writes; JSON data unless bytes are given. */
export type ForeignEvent = Readonly<{
  type: string;
  data?: unknown;
  metadata?: unknown;
  eventId?: string;
}>;

const HOST = '127.0.0.1';

const toBytes = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? value : value === undefined ? new Uint8Array() : Buffer.from(JSON.stringify(value));

export class EsdbTestServer {
  private readonly log: TransactionLog;
  private readonly subscriptions = new Set<object>();
  private readonly counters: ServerStats = { subscriptionEventsSent: 0, appends: 0, batchAppends: 0 };
  private readonly instanceId = randomUUID();
  private server?: Server;
  private generation?: AbortController;
  private boundPort = 0;

  private constructor(private readonly options: EsdbTestServerOptions) {
    this.log = new TransactionLog(options.maxAppendSize ?? 1024 * 1024);
  }

  /** Starts a server on 127.0.0.1 (a random port unless one is given). */
  static async start(options: EsdbTestServerOptions = {}): Promise<EsdbTestServer> {
    const server = new EsdbTestServer(options);
    if (options.seedSystemEvents ?? true) {
      server.appendForeign('$users', [{ type: '$UserCreated', data: { LoginName: 'admin' } }]);
      server.appendForeign(`$stats-${HOST}:2113`, [{ type: '$statsCollected', data: { 'proc-cpu': 0 } }]);
    }
    await server.listen(options.port ?? 0);
    return server;
  }

  get port(): number {
    return this.boundPort;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** `esdb://127.0.0.1:PORT?tls=false` */
  get connectionString(): string {
    return `esdb://${HOST}:${this.boundPort}?tls=false`;
  }

  /** The same server found through gossip: `esdb+discover://127.0.0.1:PORT?tls=false`. */
  get discoverConnectionString(): string {
    return `esdb+discover://${HOST}:${this.boundPort}?tls=false`;
  }

  /** Subscriptions currently open on the server (to check that clients close theirs). */
  get activeSubscriptions(): number {
    return this.subscriptions.size;
  }

  /** Counters: events written to subscribers, appends served through Append and through BatchAppend. */
  get stats(): Readonly<ServerStats> {
    return { ...this.counters };
  }

  /** Everything in the log, system and foreign events included, in $all order. */
  records(): readonly LogRecord[] {
    return [...this.log.records];
  }

  /**
   * Appends events directly (expected revision any), as another application or EventStoreDB itself
   * would: any stream name, `$`-prefixed system streams and event types included. Returns their positions.
   */
  appendForeign(stream: string, events: readonly ForeignEvent[]): bigint[] {
    const proposed: ProposedEvent[] = events.map((event) => ({
      eventId: event.eventId ?? randomUUID(),
      type: event.type,
      contentType: event.data instanceof Uint8Array ? 'application/octet-stream' : 'application/json',
      data: toBytes(event.data ?? {}),
      metadata: toBytes(event.metadata),
    }));
    const before = this.log.records.length;
    const outcome = this.log.append(stream, { kind: 'any' }, proposed);
    if (outcome.kind !== 'success') throw new Error(`appendForeign(${stream}) failed: ${outcome.kind}`);
    return this.log.records.slice(before).map((record) => record.position);
  }

  /** Drops every connection at once, like a crash; the data stays for restart(). */
  async stop(): Promise<void> {
    this.generation?.abort();
    this.server?.forceShutdown();
    this.server = undefined;
    this.generation = undefined;
  }

  /** Stops (if running) and listens again on the same port with the same data. */
  async restart(): Promise<void> {
    await this.stop();
    await this.listen(this.boundPort);
  }

  private async listen(port: number): Promise<void> {
    const generation = new AbortController();
    const context: ServerContext = {
      log: this.log,
      signal: generation.signal,
      subscriptions: this.subscriptions,
      stats: this.counters,
      serverVersion: this.options.serverVersion ?? '24.10.0-esdb-test-server',
      advertiseBatchAppend: this.options.advertiseBatchAppend ?? true,
      host: HOST,
      port: () => this.boundPort,
      instanceId: this.instanceId,
    };
    const server = new Server();
    const deletes = new DeleteHandler(context);
    const cluster = new ClusterHandlers(context);
    server.addService(StreamsService, {
      read: new ReadHandler(context).handle,
      append: new AppendHandler(context).handle,
      batchAppend: new BatchAppendHandler(context).handle,
      delete: deletes.delete,
      tombstone: deletes.tombstone,
    } as UntypedServiceImplementation);
    const features = { getSupportedMethods: cluster.supportedMethods } as UntypedServiceImplementation;
    server.addService(ServerFeaturesService, features);
    server.addService(GossipService, { read: cluster.gossip } as UntypedServiceImplementation);
    this.boundPort = await this.bind(server, port);
    this.server = server;
    this.generation = generation;
  }

  /** Binds, retrying for a moment when restarting: the old listener may not have let go of the port yet. */
  private async bind(server: Server, port: number): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await new Promise<number>((resolve, reject) =>
          server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, bound) =>
            error ? reject(error) : resolve(bound),
          ),
        );
      } catch (error) {
        if (port === 0 || attempt >= 40) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}
