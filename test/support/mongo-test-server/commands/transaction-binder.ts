import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { ServerState } from '../server-state';
import type { Transaction } from '../txn/transaction';

const FINISHING = new Set(['commitTransaction', 'abortTransaction']);

/**
 * Reads a command's transaction fields (lsid, txnNumber, autocommit, startTransaction) and
 * finds or starts its transaction, with the errors mongod gives for stale or unknown numbers.
 */
export class TransactionBinder {
  constructor(private readonly state: ServerState) {}

  /** The command's transaction, or undefined for a command outside any transaction. */
  bind(name: string, body: Document, lsidKey: string | undefined): Transaction | undefined {
    if (body.autocommit === undefined) {
      if (body.startTransaction !== undefined) {
        throw new CommandError(ErrorCode.InvalidOptions, 'startTransaction requires autocommit: false');
      }
      return undefined;
    }
    if (body.autocommit !== false) throw new CommandError(ErrorCode.InvalidOptions, 'Specifying autocommit=true is not allowed.');
    if (lsidKey === undefined) throw new CommandError(ErrorCode.InvalidOptions, 'Transactions require a logical session id (lsid)');
    if (!BsonValues.isNumber(body.txnNumber)) {
      throw new CommandError(ErrorCode.InvalidOptions, "'autocommit' field requires a transaction number to also be specified");
    }
    const txnNumber = BsonValues.toNumber(body.txnNumber);
    const session = this.state.sessions.get(lsidKey);
    if (body.startTransaction === true) {
      if (txnNumber < session.txnNumber) {
        throw new CommandError(
          ErrorCode.TransactionTooOld,
          `Cannot start transaction ${txnNumber} on session because a newer transaction ${session.txnNumber} has already started.`,
        );
      }
      if (txnNumber === session.txnNumber) {
        throw new CommandError(
          ErrorCode.ConflictingOperationInProgress,
          `Cannot start a transaction at given transaction number ${txnNumber}: a transaction with the same number is already in progress`,
        );
      }
      if (session.transaction) this.state.coordinator.abort(session.transaction);
      session.txnNumber = txnNumber;
      session.transaction = this.state.coordinator.begin(lsidKey, txnNumber);
      return session.transaction;
    }
    const transaction = session.transaction;
    if (txnNumber !== session.txnNumber || transaction?.txnNumber !== txnNumber) {
      throw new CommandError(
        ErrorCode.NoSuchTransaction,
        `Given transaction number ${txnNumber} does not match any in-progress transactions. The active transaction number is ${session.txnNumber}`,
        { errorLabels: ['TransientTransactionError'] },
      );
    }
    if (FINISHING.has(name)) return transaction;
    if (transaction.state === 'aborted') {
      throw new CommandError(ErrorCode.NoSuchTransaction, `Transaction with { txnNumber: ${txnNumber} } has been aborted.`, {
        errorLabels: ['TransientTransactionError'],
      });
    }
    if (transaction.state === 'committed') {
      throw new CommandError(ErrorCode.TransactionCommitted, `Transaction with { txnNumber: ${txnNumber} } has been committed.`);
    }
    return transaction;
  }
}
