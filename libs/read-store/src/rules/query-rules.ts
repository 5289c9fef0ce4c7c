import {
  assertFieldPath,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type IndexSpec,
  InvalidQueryError,
  type Scalar,
  type SortKey,
} from '../read-store';
import { PageCursor } from './page-cursor';

/** Largest page `find` serves. */
export const MAX_PAGE_LIMIT = 1000;
/** Most sort keys a query may name (the id tiebreaker not counted). */
export const MAX_SORT_KEYS = 16;
/** An index name valid in both stores: SQLite index names are global, so they stay plain. */
export const INDEX_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** A find request after validation: the sort ends with `id`, the cursor is decoded. */
export type ResolvedFind = Readonly<{
  filter: Filter;
  sort: readonly SortKey[];
  limit: number;
  /** Sort values of the last item of the previous page, one per sort key (id last). */
  after?: readonly Scalar[];
  withTotal: boolean;
}>;

const OPS = new Set(['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'contains']);

/**
 * Checks a find request at run time as well as by type: requests may be assembled from HTTP input,
 * and a value that is an object (`{ $gt: '' }`) must never reach an adapter.
 */
export function resolveFind(options: FindOptions): ResolvedFind {
  if (typeof options !== 'object' || options === null) throw new InvalidQueryError('Find options are required');
  const { limit } = options;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_LIMIT) {
    throw new InvalidQueryError(`limit must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  }
  const filter = checkFilter(options.filter);
  const sort = resolveSort(options.sort);
  const after = options.cursor === undefined ? undefined : PageCursor.decode(options.cursor, sort);
  return { filter, sort, limit, after, withTotal: options.withTotal === true };
}

/** Validates every condition; returns the filter (an empty one when undefined). */
export function checkFilter(filter: Filter | undefined): Filter {
  if (filter === undefined) return [];
  if (!Array.isArray(filter)) throw new InvalidQueryError('A filter must be an array of conditions');
  for (const condition of filter) checkCondition(condition);
  return filter;
}

function checkCondition(condition: FieldCondition): void {
  if (typeof condition !== 'object' || condition === null) throw new InvalidQueryError('A condition must be an object');
  assertFieldPath(condition.field);
  const op: string = condition.op;
  if (!OPS.has(op)) throw new InvalidQueryError(`Unknown operator '${op}'`);
  switch (condition.op) {
    case 'eq':
    case 'ne':
      assertScalar(condition.value, condition.field);
      return;
    case 'in':
      if (!Array.isArray(condition.values)) throw new InvalidQueryError(`'in' on '${condition.field}' needs an array of values`);
      for (const value of condition.values) assertScalar(value, condition.field);
      return;
    case 'contains':
      if (typeof condition.value !== 'string') throw new InvalidQueryError(`'contains' on '${condition.field}' needs a string`);
      return;
    default:
      if (typeof condition.value !== 'string' && !isFiniteNumber(condition.value)) {
        throw new InvalidQueryError(`'${condition.op}' on '${condition.field}' needs a string or a finite number`);
      }
  }
}

/** The sort with `id` appended (in the direction of the last key, so one index serves both). */
export function resolveSort(sort: readonly SortKey[] | undefined): SortKey[] {
  const keys = sort ?? [];
  if (!Array.isArray(keys)) throw new InvalidQueryError('sort must be an array of keys');
  if (keys.length > MAX_SORT_KEYS) throw new InvalidQueryError(`At most ${MAX_SORT_KEYS} sort keys`);
  const seen = checkKeys(keys, 'Sort');
  const resolved = keys.map((key) => ({ field: key.field, direction: key.direction }));
  if (!seen.has('id')) resolved.push({ field: 'id', direction: keys.at(-1)?.direction ?? 'asc' });
  return resolved;
}

/** Validates index names and key paths (InvalidQueryError). */
export function checkIndexSpecs(indexes: readonly IndexSpec[]): void {
  if (!Array.isArray(indexes)) throw new InvalidQueryError('indexes must be an array');
  const names = new Set<string>();
  const signatures = new Set<string>();
  for (const index of indexes) {
    if (typeof index?.name !== 'string' || !INDEX_NAME.test(index.name)) {
      throw new InvalidQueryError(`Invalid index name '${String(index?.name)}'`);
    }
    if (names.has(index.name)) throw new InvalidQueryError(`Index '${index.name}' listed twice`);
    names.add(index.name);
    if (!Array.isArray(index.keys) || index.keys.length === 0) throw new InvalidQueryError(`Index '${index.name}' has no keys`);
    checkKeys(index.keys, 'Index');
    // MongoDB refuses two indexes on the same keys.
    const signature = JSON.stringify(indexKeysWithTiebreaker(index));
    if (signatures.has(signature)) throw new InvalidQueryError(`Index '${index.name}' repeats the keys of another index`);
    signatures.add(signature);
  }
}

/** Validates sort or index keys: plain paths, 'asc' or 'desc', each field once. Returns the fields. */
function checkKeys(keys: readonly SortKey[], what: 'Sort' | 'Index'): Set<string> {
  const seen = new Set<string>();
  for (const key of keys) {
    if (typeof key !== 'object' || key === null) throw new InvalidQueryError(`${what} keys must be objects`);
    assertFieldPath(key.field);
    if (key.direction !== 'asc' && key.direction !== 'desc') {
      throw new InvalidQueryError(`${what} direction of '${key.field}' must be 'asc' or 'desc'`);
    }
    if (seen.has(key.field)) throw new InvalidQueryError(`${what} key '${key.field}' appears twice`);
    seen.add(key.field);
  }
  return seen;
}

/**
 * The keys an index is built on: its own, then `id` in the direction of its last key (so a query
 * sorted on the index keys, with the id tiebreaker, reads the index in order). Unique indexes stay
 * as declared, since appending the id would make every key unique.
 */
export function indexKeysWithTiebreaker(index: IndexSpec): SortKey[] {
  const keys = index.keys.map((key) => ({ field: key.field, direction: key.direction }));
  if (index.unique === true || keys.some((key) => key.field === 'id')) return keys;
  return [...keys, { field: 'id', direction: keys[keys.length - 1].direction }];
}

/** Throws InvalidQueryError unless the value is a string, finite number, boolean or null. */
export function assertScalar(value: unknown, field: string): asserts value is Scalar {
  if (!isScalar(value)) throw new InvalidQueryError(`Values for '${field}' must be strings, finite numbers, booleans or null`);
}

export function isScalar(value: unknown): value is Scalar {
  return value === null || typeof value === 'string' || typeof value === 'boolean' || isFiniteNumber(value);
}

const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
