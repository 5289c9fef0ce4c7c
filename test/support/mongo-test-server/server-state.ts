import { ObjectId } from 'bson';
import { CursorRegistry } from './cursors/cursor-registry';
import { LogicalClock } from './logical-clock';
import { Catalog } from './storage/catalog';
import { CommittedView } from './storage/committed-view';
import type { StorageView } from './storage/storage-view';
import { TransactionView } from './storage/transaction-view';
import { LockTable } from './txn/lock-table';
import { SessionRegistry } from './txn/session-registry';
import type { Transaction } from './txn/transaction';
import { TransactionCoordinator } from './txn/transaction-coordinator';

/** How the server presents itself. */
export interface ServerIdentity {
  /** 'host:port' as in hello.me / hello.hosts. */
  readonly host: string;
  /** Replica set name. */
  readonly setName: string;
  readonly version: string;
  readonly maxWireVersion: number;
  /** transactionLifetimeLimitSeconds, in milliseconds. */
  readonly transactionLifetimeLimitMs: number;
}

/** Everything the commands share: data, sessions, cursors, clocks and identity. */
export class ServerState {
  readonly catalog = new Catalog();
  readonly locks = new LockTable();
  readonly sessions = new SessionRegistry();
  readonly cursors = new CursorRegistry();
  readonly clock = new LogicalClock();
  readonly coordinator: TransactionCoordinator;
  /** topologyVersion.processId: changes when a server restarts. */
  readonly processId = new ObjectId();
  readonly electionId = new ObjectId('7fffffff0000000000000001');
  private nextConnectionId = 1;

  constructor(readonly identity: ServerIdentity) {
    this.coordinator = new TransactionCoordinator(this.catalog, this.locks, identity.transactionLifetimeLimitMs);
  }

  connectionId(): number {
    return this.nextConnectionId++;
  }

  view(transaction?: Transaction): StorageView {
    return transaction
      ? new TransactionView(transaction, this.catalog, this.locks)
      : new CommittedView(this.catalog, this.locks);
  }

  /** Ends a session: its open transaction is aborted. */
  endSession(lsidKey: string): void {
    const session = this.sessions.find(lsidKey);
    if (session?.transaction) this.coordinator.abort(session.transaction);
    this.sessions.delete(lsidKey);
  }

  /** Aborts every open transaction and forgets all data, sessions and cursors. */
  reset(): void {
    for (const session of this.sessions.all()) if (session.transaction) this.coordinator.abort(session.transaction);
    this.sessions.clear();
    this.cursors.clear();
    this.catalog.clear();
  }
}
