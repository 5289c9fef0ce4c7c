import type { Document } from 'bson';
import type { Transaction } from '../txn/transaction';
import type { CollectionData } from './stored-collection';

/**
 * What a command reads and writes through: the committed catalog, or a transaction's snapshot
 * plus its own writes. Write paths call {@link claim} before changing documents.
 */
export interface StorageView {
  /** The transaction behind this view, if any. */
  readonly transaction: Transaction | undefined;
  /** A collection for reading (never modify it). */
  collection(ns: string): CollectionData | undefined;
  /** All visible namespaces. */
  namespaces(): string[];
  /** An existing collection, ready to be modified; undefined when it does not exist. */
  writable(ns: string): CollectionData | undefined;
  /** Creates a collection (explicitly, or implicitly by a first write). */
  create(db: string, name: string, options?: Document): CollectionData;
  /**
   * Announces writes to these documents. Returns a promise to wait on (then re-plan the write)
   * when an open transaction holds one of them; in a transaction, throws WriteConflict instead.
   */
  claim(ns: string, keys: readonly string[]): Promise<void> | undefined;
}
