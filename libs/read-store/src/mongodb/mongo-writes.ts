import type { AnyBulkWriteOperation, Document } from 'mongodb';
import type { CheckedWrite } from '../rules/write-rules';

/** Documents as stored: the id twice, as `_id` (the primary key) and as `id` (part of the document). */
export type Stored = { _id: string } & Document;

/**
 * Each collection's writes as bulk operations, in order: puts are replaceOne upserts (whole
 * documents), deletes deleteOne, both by `_id` under an explicit $eq.
 */
export function bulkOperationsByCollection(writes: readonly CheckedWrite[]): Map<string, AnyBulkWriteOperation<Stored>[]> {
  const batches = new Map<string, AnyBulkWriteOperation<Stored>[]>();
  for (const write of writes) {
    const operations = batches.get(write.collection) ?? [];
    batches.set(write.collection, operations);
    const filter = { _id: { $eq: write.id } };
    operations.push(
      write.type === 'put'
        ? { replaceOne: { filter, replacement: { _id: write.id, ...write.document }, upsert: true } }
        : { deleteOne: { filter } },
    );
  }
  return batches;
}
