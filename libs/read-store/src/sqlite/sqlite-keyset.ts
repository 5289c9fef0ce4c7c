import type { Scalar, SortKey } from '../read-store';
import { extract } from './sqlite-operand';
import { and, FALSE, or, sql, type SqlFragment, type SqlValue, TRUE } from './sql-fragment';

/**
 * The rows after a cursor, as one or two "segments" queried in order until the page is full.
 * SQLite orders NULL first ascending and last descending (as MongoDB orders null/missing), so rows
 * after a non-null value in a descending sort are `x < v` and then all NULLs. Splitting that into a
 * range segment (`x <= v`, an index seek) and a NULL segment keeps deep pages as cheap as the first;
 * a single `x < v OR x IS NULL` would make SQLite walk the index from the start.
 *
 * Comparisons use SQLite's own total order (NULL < numbers < text) on the values the previous page
 * read with the same expressions, so paging stays exact even on fields with mixed types.
 */
export function keysetSegments(sort: readonly SortKey[], after: readonly Scalar[] | undefined): SqlFragment[] {
  if (after === undefined) return [TRUE];
  const [first, ...rest] = sort;
  const x = extract(first.field);
  const v = bindable(after[0]);
  const afterRest = afterKeys(rest, after.slice(1));
  if (v === null) {
    const inNulls = and(sql(`${x} IS NULL`), afterRest);
    return first.direction === 'asc' ? [inNulls, sql(`${x} IS NOT NULL`)] : [inNulls];
  }
  const bound = first.direction === 'asc' ? '>' : '<';
  // The tie-break is written on `+x` (the same value, but no longer the indexed expression): an
  // OR of indexable terms turns into a MULTI-INDEX OR that loses the index order and sorts every
  // row before the cursor; this way the range seeks and the rows come out in index order.
  const sameOrAfter = and(
    sql(`${x} ${bound}= ?`, v),
    or(sql(`+${x} ${bound} ?`, v), and(sql(`+${x} = ?`, v), afterRest)),
  );
  return first.direction === 'asc' ? [sameOrAfter] : [sameOrAfter, sql(`${x} IS NULL`)];
}

/** Rows strictly after `values` in the order of `keys` (lexicographic expansion). */
function afterKeys(keys: readonly SortKey[], values: readonly Scalar[]): SqlFragment {
  if (keys.length === 0) return FALSE;
  const x = extract(keys[0].field);
  const v = bindable(values[0]);
  const rest = afterKeys(keys.slice(1), values.slice(1));
  const equal = v === null ? sql(`${x} IS NULL`) : sql(`${x} = ?`, v);
  return or(afterOne(x, keys[0].direction, v), and(equal, rest));
}

function afterOne(x: string, direction: 'asc' | 'desc', v: SqlValue): SqlFragment {
  if (direction === 'asc') return v === null ? sql(`${x} IS NOT NULL`) : sql(`${x} > ?`, v);
  return v === null ? FALSE : or(sql(`${x} < ?`, v), sql(`${x} IS NULL`));
}

/** Cursor values as SQLite compares them (json_extract reads true/false as 1/0). */
const bindable = (value: Scalar): SqlValue => (typeof value === 'boolean' ? Number(value) : value);
