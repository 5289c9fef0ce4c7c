import type { CollectionData, StoredCollection } from '../storage/stored-collection';

export type TransactionState = 'inProgress' | 'committed' | 'aborted';

/**
 * One multi-document transaction: a snapshot of the catalog taken at its first statement (held
 * until the transaction ends), its writes (a CollectionLayer per existing collection written,
 * collections it created), and the documents it wrote (its write set, also its locks).
 */
export class Transaction {
  state: TransactionState = 'inProgress';
  /** This transaction's view of the collections it wrote to: layers, or collections it created. */
  readonly working = new Map<string, CollectionData>();
  /** Namespaces created inside the transaction. */
  readonly created = new Set<string>();
  /** Keys of the documents written, by namespace. */
  readonly writes = new Map<string, Set<string>>();
  /** Settles when the transaction commits or aborts, releasing waiting writers. */
  readonly finished: Promise<void>;
  private settle!: () => void;
  private timer: NodeJS.Timeout | undefined;
  private held = true;

  constructor(
    readonly lsidKey: string,
    readonly txnNumber: number,
    readonly base: ReadonlyMap<string, StoredCollection>,
  ) {
    this.finished = new Promise((resolve) => (this.settle = resolve));
  }

  /** The collection as this transaction sees it: its own copy, else the snapshot's. */
  collection(ns: string): CollectionData | undefined {
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

  /** Lets go of the snapshot, so writers may change its collections in place again. */
  releaseSnapshot(): void {
    if (!this.held) return;
    this.held = false;
    for (const collection of this.base.values()) collection.release();
  }

  finish(state: 'committed' | 'aborted'): void {
    if (this.state !== 'inProgress') return;
    this.releaseSnapshot();
    this.state = state;
    clearTimeout(this.timer);
    this.settle();
  }
}
