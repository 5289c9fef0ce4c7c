import type { Collection, Document, IndexDescription } from 'mongodb';
import type { IndexSpec } from '../read-store';
import { indexKeysWithTiebreaker } from '../rules/query-rules';
import { mongoField } from './mongo-fields';

/** The MongoDB key document of an IndexSpec: its keys, then _id (see indexKeysWithTiebreaker). */
export function indexKey(index: IndexSpec): Document {
  return Object.fromEntries(indexKeysWithTiebreaker(index).map((key) => [mongoField(key.field), key.direction === 'asc' ? 1 : -1]));
}

/**
 * Creates every listed index. One whose definition changed under the same name is dropped and
 * rebuilt; an older index on the very same keys under another name is dropped too (MongoDB
 * refuses two indexes on one key). Indexes not listed are left alone.
 */
export async function ensureIndexes(collection: Collection<Document>, indexes: readonly IndexSpec[]): Promise<void> {
  if (indexes.length === 0) return;
  const existing = (await collection.listIndexes().toArray()) as { name: string; key: Document; unique?: boolean }[];
  const create: IndexDescription[] = [];
  for (const index of indexes) {
    const key = indexKey(index);
    const unique = index.unique === true;
    // The built-in _id_ index already is this index (and MongoDB refuses a second one on { _id: 1 }).
    if (sameKey(key, { _id: 1 })) continue;
    const named = existing.find((e) => e.name === index.name);
    if (named && sameKey(named.key, key) && (named.unique === true) === unique) continue;
    if (named) await collection.dropIndex(index.name);
    const sameKeys = existing.find((e) => e.name !== index.name && e.name !== '_id_' && sameKey(e.key, key));
    if (sameKeys) await collection.dropIndex(sameKeys.name);
    create.push({ key, name: index.name, ...(unique ? { unique: true } : {}) });
  }
  if (create.length > 0) await collection.createIndexes(create);
}

function sameKey(a: Document, b: Document): boolean {
  const x = Object.entries(a);
  const y = Object.entries(b);
  return x.length === y.length && x.every(([field, direction], i) => field === y[i][0] && Number(direction) === Number(y[i][1]));
}
