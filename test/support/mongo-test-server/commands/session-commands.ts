import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { CommandContext, CommandDefinition } from './command-context';
import { LsidKey } from './lsid-key';
import type { Transaction } from '../txn/transaction';

/** Ending sessions and finishing transactions. */
export class SessionCommands {
  static definitions(): CommandDefinition[] {
    return [
      { names: ['endSessions'], run: (c) => SessionCommands.endSessions(c), adminOnly: true },
      { names: ['killSessions'], run: (c) => SessionCommands.endSessions(c) },
      { names: ['refreshSessions'], run: () => ({ ok: 1 }) },
      { names: ['commitTransaction'], run: (c) => SessionCommands.commit(c), inTransaction: true, adminOnly: true },
      { names: ['abortTransaction'], run: (c) => SessionCommands.abort(c), inTransaction: true, adminOnly: true },
    ];
  }

  private static endSessions(context: CommandContext): Document {
    const lsids = context.args.array(context.name);
    for (const lsid of lsids) {
      const key = BsonValues.isDocument(lsid) ? LsidKey.of(lsid) : undefined;
      if (key) context.state.endSession(key);
    }
    return { ok: 1 };
  }

  private static commit(context: CommandContext): Document {
    const transaction = SessionCommands.transactionOf(context);
    if (transaction.state === 'aborted') {
      throw new CommandError(ErrorCode.NoSuchTransaction, `Transaction with { txnNumber: ${transaction.txnNumber} } has been aborted.`, {
        errorLabels: ['TransientTransactionError'],
      });
    }
    // committing a committed transaction again is how the driver retries a commit
    context.state.coordinator.commit(transaction);
    return { ok: 1 };
  }

  private static abort(context: CommandContext): Document {
    const transaction = SessionCommands.transactionOf(context);
    if (transaction.state === 'committed') {
      throw new CommandError(ErrorCode.TransactionCommitted, `Transaction with { txnNumber: ${transaction.txnNumber} } has been committed.`);
    }
    if (transaction.state === 'aborted') {
      throw new CommandError(ErrorCode.NoSuchTransaction, `Transaction with { txnNumber: ${transaction.txnNumber} } has been aborted.`);
    }
    context.state.coordinator.abort(transaction);
    return { ok: 1 };
  }

  private static transactionOf(context: CommandContext): Transaction {
    if (context.transaction) return context.transaction;
    throw new CommandError(ErrorCode.InvalidOptions, `${context.name} must be run within a transaction (autocommit: false, txnNumber, lsid)`);
  }
}
