import type { StoredCollection } from '../storage/stored-collection';

export type TransactionState = 'inProgress' | 'committed' | 'aborted';

/**
 * One multi-document transaction: a snapshot of the catalog taken at its first statement,
 * private copies of the collections it writes, and the documents it wrote (its write set,
 * also its locks).
 */
export class Transaction {
  state: TransactionState = 'inProgress';
  /** Private copies of the collections this transaction wrote to (or created). */
  readonly working = new Map<string, StoredCollection>();
  /** Namespaces created inside the transaction. */
  readonly created = new Set<string>();
  /** Keys of the documents written, by namespace. */
  readonly writes = new Map<string, Set<string>>();
  /** Settles when the transaction commits or aborts, releasing waiting writers. */
  readonly finished: Promise<void>;
  private settle!: () => void;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly lsidKey: string,
    readonly txnNumber: number,
    readonly base: ReadonlyMap<string, StoredCollection>,
  ) {
    this.finished = new Promise((resolve) => (this.settle = resolve));
  }

  /** The collection as this transaction sees it: its own copy, else the snapshot's. */
  collection(ns: string): StoredCollection | undefined {
    return this.working.get(ns) ?? this.base.get(ns);
  }

  namespaces(): string[] {
    return [...new Set([...this.base.keys(), ...this.working.keys()])];
  }

  noteWrite(ns: string, key: string): void {
    let keys = this.writes.get(ns);
    if (!keys) this.writes.set(ns, (keys = new Set()));
    keys.add(key);
  }

  /** Aborts the transaction after `ms` unless it finishes first (transactionLifetimeLimitSeconds). */
  expireAfter(ms: number, onExpire: () => void): void {
    this.timer = setTimeout(onExpire, ms);
    this.timer.unref();
  }

  finish(state: 'committed' | 'aborted'): void {
    if (this.state !== 'inProgress') return;
    this.state = state;
    clearTimeout(this.timer);
    this.settle();
  }
}
