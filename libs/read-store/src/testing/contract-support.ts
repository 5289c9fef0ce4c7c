import { randomUUID } from 'node:crypto';
import type { FindOptions, IndexSpec, ReadDocument, ReadStore } from '../read-store';

/** What every contract part gets from describeReadStoreContract. */
export type ContractContext = Readonly<{
  /** A store for this test; closed after the test. */
  store(): Promise<ReadStore>;
  /** Closes `store` and opens one on the same data; resolves undefined when the harness cannot. */
  reopen(store: ReadStore): Promise<ReadStore | undefined>;
  /** A collection (or checkpoint, read model) name no other test uses, also on a shared server. */
  unique(prefix?: string): string;
}>;

export const uniqueName = (prefix = 'ct'): string => `${prefix}_${randomUUID().replaceAll('-', '').slice(0, 16)}`;

/** Creates the collection and puts the documents in one commit. */
export async function seed(
  store: ReadStore,
  collection: string,
  documents: readonly ReadDocument[],
  indexes: readonly IndexSpec[] = [],
): Promise<void> {
  await store.ensureCollection(collection, indexes);
  if (documents.length > 0) await store.commit(documents.map((document) => ({ collection, type: 'put', document })));
}

/** Ids of a find's items, in order. */
export async function findIds(store: ReadStore, collection: string, options: Omit<FindOptions, 'limit'> & { limit?: number }): Promise<string[]> {
  const page = await store.find(collection, { limit: 1000, ...options });
  return page.items.map((item) => item.id);
}

/** Pages through a query; `between` runs after every page but the last (to write concurrently). */
export async function pageThrough(
  store: ReadStore,
  collection: string,
  options: FindOptions,
  between?: (pageNumber: number, lastId: string) => Promise<void>,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor = options.cursor;
  let pages = 0;
  do {
    const page = await store.find(collection, { ...options, cursor });
    ids.push(...page.items.map((item) => item.id));
    pages++;
    if (pages > 1000) throw new Error('paging does not end');
    cursor = page.nextCursor ?? undefined;
    if (cursor !== undefined) await between?.(pages, ids[ids.length - 1]);
  } while (cursor !== undefined);
  return { ids, pages };
}

/** Resolves to the error's name so tests can compare across module instances. */
export async function rejection(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof Error ? error.name : typeof error;
  }
  return 'resolved';
}

/** Lets a test pass values the types forbid, as untyped callers (HTTP input) could. */
export const untyped = <T>(value: unknown): T => value as T;

/** Sorted copy. */
export const sorted = (values: readonly string[]): string[] => [...values].sort();
