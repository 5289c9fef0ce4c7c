import type { CountBucket, Scalar } from '../read-store';

const rank = (value: Scalar): number => {
  if (value === null) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  return 3;
};

/**
 * A total order on scalars, MongoDB's: null, numbers, strings, booleans. Strings compare by code
 * point, which is the UTF-8 byte order both stores use (JS `<` compares UTF-16 units and differs
 * for characters beyond U+FFFF).
 */
export function compareScalars(a: Scalar, b: Scalar): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0) return byRank;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

export function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** countBy's order: count descending, then value. */
export function sortBuckets(buckets: CountBucket[]): CountBucket[] {
  return buckets.sort((a, b) => b.count - a.count || compareScalars(a.value, b.value));
}

/** A key telling scalars apart by type as well as value (1, '1' and true are different buckets). */
export function scalarKey(value: Scalar): string {
  return value === null ? 'null' : `${typeof value}:${String(value)}`;
}
