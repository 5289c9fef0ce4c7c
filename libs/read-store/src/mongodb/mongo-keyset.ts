import type { Document } from 'mongodb';
import { InvalidQueryError, type ReadDocument, type Scalar, type SortKey } from '../read-store';
import { PageCursor } from '../rules/page-cursor';
import { fieldDocument, mongoField, scalarAt } from './mongo-fields';

/**
 * MongoDB's sort order across the JSON types a document can hold: null/missing, numbers, strings,
 * objects, arrays, booleans. Comparison operators only match within one type ($gt: 5 never
 * matches a string), so "after v" adds the later types explicitly.
 */
const TYPE_ORDER = ['number', 'string', 'object', 'array', 'bool'] as const;
type JsonType = (typeof TYPE_ORDER)[number];

const typeOf = (value: number | string | boolean): JsonType =>
  typeof value === 'number' ? 'number' : typeof value === 'string' ? 'string' : 'bool';

/** The sort specification, id appended by the caller (resolveSort). */
export function toMongoSort(sort: readonly SortKey[]): Document {
  return Object.fromEntries(sort.map((key) => [mongoField(key.field), key.direction === 'asc' ? 1 : -1]));
}

/**
 * Documents strictly after `after` in the sort order: an $or of "equal on the first i keys and
 * after on key i" for each i (keyset pagination). Null and missing sort equal, first ascending.
 */
export function keysetQuery(sort: readonly SortKey[], after: readonly Scalar[]): Document {
  const branches: Document[] = [];
  for (let i = 0; i < sort.length; i++) {
    const beyond = afterOne(sort[i], after[i]);
    if (beyond === undefined) continue;
    const equal = sort.slice(0, i).map((key, j) => fieldDocument(key.field, { $eq: after[j] }));
    branches.push(equal.length === 0 ? beyond : { $and: [...equal, beyond] });
  }
  // Nothing sorts after the cursor: match nothing.
  return branches.length === 0 ? { _id: { $in: [] } } : { $or: branches };
}

/** Values of one key strictly after `value` in the key's direction; undefined when there are none. */
function afterOne(key: SortKey, value: Scalar): Document | undefined {
  const field = key.field;
  if (value === null) return key.direction === 'asc' ? fieldDocument(field, { $ne: null }) : undefined;
  const type = typeOf(value);
  const position = TYPE_ORDER.indexOf(type);
  const later = key.direction === 'asc' ? TYPE_ORDER.slice(position + 1) : TYPE_ORDER.slice(0, position);
  const alternatives: Document[] = [];
  if (type === 'bool') {
    // false < true: only one boolean can follow.
    if (key.direction === 'asc' ? value === false : value === true) alternatives.push(fieldDocument(field, { $eq: !value }));
  } else {
    alternatives.push(fieldDocument(field, { [key.direction === 'asc' ? '$gt' : '$lt']: value }));
  }
  if (later.length > 0) alternatives.push(fieldDocument(field, { $type: [...later] }));
  if (key.direction === 'desc') alternatives.push(fieldDocument(field, { $eq: null }));
  if (alternatives.length === 0) return undefined;
  return alternatives.length === 1 ? alternatives[0] : { $or: alternatives };
}

/** The cursor after `last`; a sort value that is an object or array cannot be expressed in one. */
export function cursorAfter(sort: readonly SortKey[], last: ReadDocument): string {
  const values = sort.map((key) => {
    const value = scalarAt(last, key.field);
    if (value === undefined) throw new InvalidQueryError(`Cannot page on '${key.field}': it holds objects or arrays`);
    return value;
  });
  return PageCursor.encode(sort, values);
}
