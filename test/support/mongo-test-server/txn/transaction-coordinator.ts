import type { Document } from 'bson';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { Catalog } from '../storage/catalog';
import type { StoredCollection } from '../storage/stored-collection';
import type { LockTable } from './lock-table';
import { Transaction } from './transaction';

/** The error mongod gives a transaction that lost a race for a document. */
export const writeConflict = (): CommandError =>
  new CommandError(
    ErrorCode.WriteConflict,
    'WriteConflict error: this operation conflicted with another operation. Please retry your operation or multi-document transaction.',
    { errorLabels: ['TransientTransactionError'] },
  );

/**
 * Starts, commits and aborts transactions against the committed catalog.
 *
 * Isolation model (optimistic, document level): a transaction reads a snapshot taken at its
 * first statement plus its own writes. Writing a document that another open transaction wrote,
 * or that was committed after the snapshot, fails at once with WriteConflict (112) and a
 * TransientTransactionError label; plain writes to a document an open transaction wrote wait
 * for it to finish. Commit re-checks and installs the transaction's changes atomically.
 */
export class TransactionCoordinator {
  constructor(
    private readonly catalog: Catalog,
    private readonly locks: LockTable,
    private readonly lifetimeLimitMs: number,
  ) {}

  begin(lsidKey: string, txnNumber: number): Transaction {
    const transaction = new Transaction(lsidKey, txnNumber, this.catalog.snapshot());
    transaction.expireAfter(this.lifetimeLimitMs, () => this.abort(transaction));
    return transaction;
  }

  /** @throws CommandError WriteConflict when committed data moved under the transaction (it is then aborted). */
  commit(transaction: Transaction): void {
    if (transaction.state !== 'inProgress') return;
    let steps: CommitStep[];
    try {
      steps = this.prepare(transaction);
    } catch (error) {
      this.abort(transaction);
      throw error instanceof CommandError && error.code === ErrorCode.DuplicateKey ? writeConflict() : error;
    }
    // checked above, so nothing below throws; with the snapshot released, collections no other
    // transaction holds take the changes in place instead of being copied
    transaction.releaseSnapshot();
    for (const step of steps) {
      if (step.install) this.catalog.put(step.install);
      else this.catalog.writable(step.ns)!.applyChanges(step.changes);
    }
    this.locks.releaseAll(transaction);
    transaction.finish('committed');
  }

  abort(transaction: Transaction): void {
    if (transaction.state !== 'inProgress') return;
    this.locks.releaseAll(transaction);
    transaction.finish('aborted');
  }

  /** Checks the transaction's changes against the committed catalog, without touching it. */
  private prepare(transaction: Transaction): CommitStep[] {
    const steps: CommitStep[] = [];
    const namespaces = new Set([...transaction.created, ...transaction.writes.keys()]);
    for (const ns of namespaces) {
      const committed = this.catalog.get(ns);
      const working = transaction.working.get(ns);
      if (!working) continue;
      if (transaction.created.has(ns)) {
        if (committed) throw writeConflict();
        steps.push({ ns, install: working as StoredCollection, changes: new Map() });
        continue;
      }
      const base = transaction.base.get(ns);
      if (!committed || committed.uuid !== base?.uuid) throw writeConflict();
      const changes = new Map<string, Document | undefined>();
      for (const key of transaction.writes.get(ns) ?? []) {
        if (committed.get(key) !== base.get(key)) throw writeConflict();
        changes.set(key, working.get(key));
      }
      committed.checkChanges(changes);
      steps.push({ ns, changes });
    }
    return steps;
  }
}

/** What a commit does to one namespace: install a collection it created, or apply its changes. */
interface CommitStep {
  readonly ns: string;
  readonly install?: StoredCollection;
  readonly changes: ReadonlyMap<string, Document | undefined>;
}
