import type { Scalar, SortKey } from '../read-store';
import { extract } from './sqlite-operand';
import { and, FALSE, or, sql, type SqlFragment, type SqlValue, TRUE } from './sql-fragment';

/**
 * The rows after a cursor, as "segments" queried in order until the page is full. For sort keys
 * k0..kn (the id last, so the order is total) and cursor values v0..vn, segment i holds the rows
 * equal to the cursor on k0..k(i-1) and after it on ki; the deepest segment comes first:
 *
 *   k0 = v0 AND k1 = v1 AND id > y,   then   k0 = v0 AND k1 > v1,   then   k0 > v0
 *
 * Each segment is an equality prefix and one range, so SQLite seeks it in the index on the sort
 * keys and reads its rows in index order: a page after the cursor never re-reads the rows before it,
 * however many share the cursor's first values (a month of interval facts, a priority). One OR of
 * those terms instead would become a MULTI-INDEX OR that sorts everything, and a single seek on k0
 * with the rest filtered would walk every row of the cursor's k0 value before the cursor.
 *
 * SQLite orders NULL first ascending and last descending (as MongoDB orders null/missing): after a
 * non-null value descending come the smaller values, then the NULLs, as two segments. Comparisons
 * use SQLite's own total order (NULL < numbers < text) on the values the previous page read with the
 * same expressions, so paging stays exact even on fields with mixed types.
 */
export function keysetSegments(sort: readonly SortKey[], after: readonly Scalar[] | undefined): KeysetSegment[] {
  if (after === undefined) return [{ where: TRUE, orderFrom: 0 }];
  const segments: KeysetSegment[] = [];
  const deepest = Math.min(sort.length - 1, SEGMENTED_KEYS - 1);
  if (deepest < sort.length - 1) {
    // A long sort: the keys from `deepest` on share one segment, filtered rather than sought.
    const prefix = sort.slice(0, deepest).map((key, j) => equalTo(extract(key.field), bindable(after[j]!)));
    const equal = equalTo(extract(sort[deepest]!.field), bindable(after[deepest]!));
    segments.push({ where: and(...prefix, equal, unindexedAfter(sort.slice(deepest + 1), after.slice(deepest + 1))), orderFrom: deepest + 1 });
  }
  for (let i = deepest; i >= 0; i--) {
    const prefix = sort.slice(0, i).map((key, j) => equalTo(extract(key.field), bindable(after[j]!)));
    const { field, direction } = sort[i]!;
    // Ids are never NULL: no NULL segment after the tiebreaker.
    const ranges = afterOne(extract(field), direction, bindable(after[i]!)).filter(({ constant }) => !constant || field !== 'id');
    for (const { range, constant } of ranges) {
      segments.push({ where: and(...prefix, range), orderFrom: constant ? i + 1 : i });
    }
  }
  return segments;
}

/**
 * The rows of one segment, and the first sort key that still orders them: the keys before it are
 * equal throughout (SQLite does not see that through expressions, and would sort the segment in a
 * temporary B-tree rather than read it in index order).
 */
export type KeysetSegment = Readonly<{ where: SqlFragment; orderFrom: number }>;

/**
 * Sort keys that get segments of their own. Each costs a query (two descending), which is cheap
 * with an index on the sort and a scan of the table without one; longer sorts (never the API's)
 * share a last segment instead.
 */
const SEGMENTED_KEYS = 3;

const equalTo = (x: string, v: SqlValue): SqlFragment => (v === null ? sql(`${x} IS NULL`) : sql(`${x} = ?`, v));

/** Rows after `values` on `keys` (lexicographic), on `+x` so no index is tried for them. */
function unindexedAfter(keys: readonly SortKey[], values: readonly Scalar[]): SqlFragment {
  if (keys.length === 0) return FALSE;
  const x = `+${extract(keys[0]!.field)}`;
  const v = bindable(values[0]!);
  const rest = unindexedAfter(keys.slice(1), values.slice(1));
  const after = afterOne(x, keys[0]!.direction, v).map(({ range }) => range);
  return or(...after, and(equalTo(x, v), rest));
}

/**
 * The values after `v` on one key, in order, as seekable ranges (none after NULL descending);
 * `constant` when the range holds one value (NULL), which then orders nothing.
 */
function afterOne(x: string, direction: 'asc' | 'desc', v: SqlValue): { range: SqlFragment; constant: boolean }[] {
  if (direction === 'asc') return [{ range: v === null ? sql(`${x} IS NOT NULL`) : sql(`${x} > ?`, v), constant: false }];
  if (v === null) return [];
  return [
    { range: sql(`${x} < ?`, v), constant: false },
    { range: sql(`${x} IS NULL`), constant: true },
  ];
}

/** Cursor values as SQLite compares them (json_extract reads true/false as 1/0). */
const bindable = (value: Scalar): SqlValue => (typeof value === 'boolean' ? Number(value) : value);
