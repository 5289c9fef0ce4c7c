import type { Document } from 'mongodb';
import type { CountBucket } from '../read-store';
import { isScalar } from '../rules/query-rules';
import { sortBuckets } from '../rules/scalar-order';

/**
 * countBy as an aggregation: a scalar counts once, an array once per element ($unwind; an empty
 * array counts for nothing), a missing field as null. `field` is a validated path, so '$field' is
 * a field reference and nothing else.
 */
export function countByPipeline(field: string, match: Document): Document[] {
  const reference = `$${field}`;
  return [
    { $match: match },
    { $project: { _id: 0, v: { $cond: [{ $isArray: reference }, reference, [{ $ifNull: [reference, null] }]] } } },
    { $unwind: '$v' },
    { $group: { _id: '$v', count: { $sum: 1 } } },
  ];
}

/** Buckets from $group results: objects and arrays are not scalar values and get no bucket. */
export function toBuckets(groups: readonly Document[]): CountBucket[] {
  const buckets: CountBucket[] = [];
  for (const group of groups) {
    const value: unknown = group._id === undefined ? null : group._id;
    if (isScalar(value)) buckets.push({ value, count: Number(group.count) });
  }
  return sortBuckets(buckets);
}
