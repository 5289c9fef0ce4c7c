import type { Transaction } from './transaction';

/**
 * Which open transaction has written which document. A second transaction touching one of
 * them gets a WriteConflict; a plain write waits until the holder commits or aborts, as on mongod.
 */
export class LockTable {
  private readonly holders = new Map<string, Map<string, Transaction>>();

  holder(ns: string, key: string): Transaction | undefined {
    return this.holders.get(ns)?.get(key);
  }

  acquire(ns: string, key: string, transaction: Transaction): void {
    let keys = this.holders.get(ns);
    if (!keys) this.holders.set(ns, (keys = new Map()));
    keys.set(key, transaction);
    transaction.noteWrite(ns, key);
  }

  releaseAll(transaction: Transaction): void {
    for (const [ns, keys] of transaction.writes) {
      const held = this.holders.get(ns);
      if (!held) continue;
      for (const key of keys) if (held.get(key) === transaction) held.delete(key);
      if (held.size === 0) this.holders.delete(ns);
    }
  }
}
