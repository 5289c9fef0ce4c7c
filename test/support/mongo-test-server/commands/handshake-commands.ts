import { Long, UUID, type Document } from 'bson';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { ServerState } from '../server-state';
import type { CommandContext, CommandDefinition } from './command-context';

const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
const LOGICAL_SESSION_TIMEOUT_MINUTES = 30;

/** Handshake, liveness and server-information commands. */
export class HandshakeCommands {
  static definitions(): CommandDefinition[] {
    const everywhere = { inTransaction: true };
    return [
      {
        names: ['hello', 'isMaster', 'ismaster'],
        run: (c) => HandshakeCommands.hello(c.state, c.name, c.body, c.connectionId),
        ...everywhere,
      },
      { names: ['ping'], run: () => ({ ok: 1 }), ...everywhere },
      { names: ['buildInfo', 'buildinfo'], run: (c) => HandshakeCommands.buildInfo(c.state), ...everywhere },
      { names: ['getParameter'], run: (c) => HandshakeCommands.getParameter(c), adminOnly: true },
      {
        names: ['connectionStatus'],
        run: () => ({ authInfo: { authenticatedUsers: [], authenticatedUserRoles: [] }, ok: 1 }),
        ...everywhere,
      },
      {
        names: ['startSession'],
        run: () => ({ id: { id: new UUID() }, timeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES, ok: 1 }),
      },
    ];
  }

  /**
   * The hello / legacy isMaster reply of a single-node replica set primary: what makes the
   * driver use sessions, retryable writes and transactions.
   */
  static hello(state: ServerState, name: string, body: Document, connectionId: number): Document {
    const { identity } = state;
    const now = new Date();
    const opTime = { ts: state.clock.now(), t: Long.fromNumber(1) };
    const reply: Document = {
      topologyVersion: { processId: state.processId, counter: Long.fromNumber(0) },
      hosts: [identity.host],
      setName: identity.setName,
      setVersion: 1,
      [name === 'hello' ? 'isWritablePrimary' : 'ismaster']: true,
      secondary: false,
      primary: identity.host,
      me: identity.host,
      electionId: state.electionId,
      lastWrite: { opTime, lastWriteDate: now, majorityOpTime: opTime, majorityWriteDate: now },
      maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
      maxMessageSizeBytes: 48_000_000,
      maxWriteBatchSize: 100_000,
      localTime: now,
      logicalSessionTimeoutMinutes: LOGICAL_SESSION_TIMEOUT_MINUTES,
      connectionId,
      minWireVersion: 0,
      maxWireVersion: identity.maxWireVersion,
      readOnly: false,
    };
    if (body.helloOk === true) reply.helloOk = true;
    reply.ok = 1;
    return reply;
  }

  private static buildInfo(state: ServerState): Document {
    const version = state.identity.version;
    return {
      version,
      gitVersion: 'mongo-test-server',
      modules: [],
      allocator: 'system',
      javascriptEngine: 'none',
      sysInfo: 'deprecated',
      versionArray: [...version.split('.').map(Number), 0],
      bits: 64,
      debug: false,
      maxBsonObjectSize: MAX_BSON_OBJECT_SIZE,
      storageEngines: ['wiredTiger'],
      ok: 1,
    };
  }

  private static getParameter(context: CommandContext): Document {
    const { state, body } = context;
    const [major, minor] = state.identity.version.split('.');
    const parameters: Document = {
      featureCompatibilityVersion: { version: `${major}.${minor}` },
      transactionLifetimeLimitSeconds: Math.round(state.identity.transactionLifetimeLimitMs / 1000),
      maxTransactionLockRequestTimeoutMillis: 5,
      logicalSessionRefreshMillis: 300_000,
      authenticationMechanisms: [],
    };
    const all = body.getParameter === '*';
    const reply: Document = {};
    for (const [key, value] of Object.entries(parameters)) if (all || key in body) reply[key] = value;
    if (Object.keys(reply).length === 0) throw new CommandError(ErrorCode.InvalidOptions, 'no option found to get');
    return { ...reply, ok: 1 };
  }
}
