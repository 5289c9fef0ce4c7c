import { Binary, Long, type Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { ServerState } from '../server-state';
import type { Transaction } from '../txn/transaction';
import { CatalogCommands } from './catalog-commands';
import { CommandArgs } from './command-args';
import type { CommandContext, CommandDefinition } from './command-context';
import { HandshakeCommands } from './handshake-commands';
import { LsidKey } from './lsid-key';
import { ReadCommands } from './read-commands';
import { SessionCommands } from './session-commands';
import { TransactionBinder } from './transaction-binder';
import { WriteCommands } from './write-commands';

const TRANSIENT = new Set<number>([ErrorCode.WriteConflict, ErrorCode.NoSuchTransaction]);
const FINISHING = new Set(['commitTransaction', 'abortTransaction']);
/** Signature of gossiped cluster times; zeros, as on a server without keys. */
const SIGNATURE = { hash: new Binary(Buffer.alloc(20)), keyId: Long.fromNumber(0) };

/**
 * Routes a command document to its handler: checks $db and the command name, binds the
 * session's transaction or retryable write, turns failures into error replies and adds the
 * cluster time every replica-set reply carries.
 */
export class CommandDispatcher {
  private readonly commands = new Map<string, CommandDefinition>();
  private readonly binder: TransactionBinder;

  constructor(private readonly state: ServerState) {
    this.binder = new TransactionBinder(state);
    const all = [
      ...HandshakeCommands.definitions(),
      ...SessionCommands.definitions(),
      ...CatalogCommands.definitions(),
      ...ReadCommands.definitions(),
      ...WriteCommands.definitions(),
    ];
    for (const definition of all) for (const name of definition.names) this.commands.set(name, definition);
  }

  /** Runs a command; never throws: errors become { ok: 0 } replies. */
  async dispatch(body: Document, connectionId: number): Promise<Document> {
    let reply: Document;
    try {
      reply = await this.run(body, connectionId);
    } catch (error) {
      const detail = error instanceof Error ? error.stack : String(error);
      reply = (
        error instanceof CommandError ? error : new CommandError(ErrorCode.InternalError, `MongoTestServer internal error: ${detail}`)
      ).toReply();
    }
    const clusterTime = this.state.clock.now();
    return { ...reply, $clusterTime: { clusterTime, signature: SIGNATURE }, operationTime: clusterTime };
  }

  private async run(body: Document, connectionId: number): Promise<Document> {
    const name = Object.keys(body)[0] ?? '';
    const db = body.$db;
    if (typeof db !== 'string') throw new CommandError(ErrorCode.Location40571, 'OP_MSG requests require a $db argument');
    const definition = this.commands.get(name);
    if (!definition) throw new CommandError(ErrorCode.CommandNotFound, `no such command: '${name}'`);
    if (definition.adminOnly && db !== 'admin') {
      throw new CommandError(ErrorCode.Unauthorized, `${name} may only be run against the admin database.`);
    }
    const lsidKey = LsidKey.of(body.lsid);
    const transaction = this.binder.bind(name, body, lsidKey);
    if (transaction && !definition.inTransaction) {
      this.state.coordinator.abort(transaction);
      throw new CommandError(ErrorCode.OperationNotSupportedInTransaction, `Cannot run '${name}' in a multi-document transaction.`);
    }
    const context: CommandContext = {
      name,
      db,
      body,
      args: new CommandArgs(name, body),
      state: this.state,
      view: this.state.view(transaction),
      transaction,
      lsidKey,
      connectionId,
    };
    if (transaction) return this.inTransaction(definition, context, transaction);
    if (definition.retryableWrite && lsidKey !== undefined && BsonValues.isNumber(body.txnNumber)) {
      return this.retryableWrite(definition, context, lsidKey, BsonValues.toNumber(body.txnNumber));
    }
    return definition.run(context);
  }

  /** Any failure inside a transaction aborts it, as on mongod. */
  private async inTransaction(
    definition: CommandDefinition,
    context: CommandContext,
    transaction: Transaction,
  ): Promise<Document> {
    if (FINISHING.has(context.name)) return definition.run(context);
    try {
      const reply = await definition.run(context);
      if (Array.isArray(reply.writeErrors) && reply.writeErrors.length > 0) this.state.coordinator.abort(transaction);
      return reply;
    } catch (error) {
      this.state.coordinator.abort(transaction);
      throw error instanceof CommandError && TRANSIENT.has(error.code) ? error.withLabel('TransientTransactionError') : error;
    }
  }

  /** Executes a retryable write once per (lsid, txnNumber); a retry gets the first reply again. */
  private async retryableWrite(
    definition: CommandDefinition,
    context: CommandContext,
    lsidKey: string,
    txnNumber: number,
  ): Promise<Document> {
    const session = this.state.sessions.get(lsidKey);
    if (txnNumber < session.txnNumber) {
      throw new CommandError(
        ErrorCode.TransactionTooOld,
        `Retryable write with txnNumber ${txnNumber} is prohibited on session because a newer retryable write with txnNumber ${session.txnNumber} has already started on this session.`,
      );
    }
    if (txnNumber === session.txnNumber && session.retryable?.txnNumber === txnNumber) {
      return BsonValues.clone(session.retryable.reply);
    }
    if (session.transaction) this.state.coordinator.abort(session.transaction);
    session.txnNumber = txnNumber;
    const reply = await definition.run(context);
    session.retryable = { txnNumber, reply: BsonValues.clone(reply) };
    return reply;
  }
}
