import type { Document } from 'bson';
import type { Transaction } from './transaction';

/** Server-side state of one logical session (lsid). */
export class SessionState {
  /** Highest txnNumber seen, for transactions and retryable writes alike; -1 before any. */
  txnNumber = -1;
  /** The session's latest transaction, whatever its state. */
  transaction: Transaction | undefined;
  /** The reply of the latest retryable write, returned again if the driver retries it. */
  retryable: { readonly txnNumber: number; readonly reply: Document } | undefined;

  constructor(readonly lsidKey: string) {}
}
