import { type FieldCondition, type Filter, InvalidQueryError, type Scalar, type SortKey } from '../read-store';
import { ELEMENT, fieldOperand, jsonPath, type Operand } from './sqlite-operand';
import { and, FALSE, not, or, sql, type SqlFragment } from './sql-fragment';

const RANGE_SQL = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
const NUMERIC = "IN ('integer', 'real')";

/**
 * Translates a filter into a WHERE fragment with MongoDB's matching rules:
 * comparisons only match values of the same type ('1', 1 and true differ), `eq null` matches
 * missing and null, and on a field that holds an array a condition matches when any element does
 * (`ne` when none does). Values are always bound parameters.
 *
 * `arrayPaths` are the paths that have held arrays in this collection; only those get the
 * (un-indexable) element branch, so scalar filters stay plain index lookups.
 */
export class SqlitePredicates {
  constructor(private readonly arrayPaths: ReadonlySet<string>) {}

  /**
   * `seekFrom`: the first sort key of a page after a cursor. The filter's bounds on that field on the
   * cursor's side (lower bounds ascending, upper bounds descending) are then written on `+x`, which
   * no index serves: SQLite seeks with one bound per side, and left to choose between the filter's
   * and the cursor's it took the filter's, so every page re-read the rows of all the pages before.
   */
  where(filter: Filter, seekFrom?: SortKey): SqlFragment {
    return and(
      ...filter.map((condition) =>
        seekFrom !== undefined && condition.field === seekFrom.field && isBoundOnSide(condition, seekFrom.direction)
          ? this.condition(condition, { unindexed: true })
          : this.condition(condition),
      ),
    );
  }

  /** Throws InvalidQueryError for paths SQLite cannot follow the way MongoDB does. */
  assertSortable(field: string): void {
    this.assertNotThroughArray(field);
    if (this.arrayPaths.has(field)) throw new InvalidQueryError(`Cannot sort on '${field}': it holds arrays`);
  }

  private condition(condition: FieldCondition, options: { unindexed?: boolean } = {}): SqlFragment {
    this.assertNotThroughArray(condition.field);
    if (condition.op === 'ne') return not(this.anyOf(condition.field, (o) => eq(o, condition.value)));
    return this.anyOf(condition.field, (o) => scalarCondition(options.unindexed && !o.element ? unindexed(o) : o, condition));
  }

  /** The test on the field itself, or on any element when the field may hold an array. */
  private anyOf(field: string, test: (operand: Operand) => SqlFragment): SqlFragment {
    const operand = fieldOperand(field);
    if (!this.arrayPaths.has(field)) return test(operand);
    const element = test(ELEMENT);
    return or(
      test(operand),
      sql(
        `${operand.type} = 'array' AND EXISTS (SELECT 1 FROM json_each(t.doc, '${jsonPath(field)}') AS e WHERE ${element.sql})`,
        ...element.params,
      ),
    );
  }

  /** MongoDB would look inside arrays of objects ('notes.author'); SQLite refuses rather than differ. */
  assertNotThroughArray(field: string): void {
    const segments = field.split('.');
    for (let i = 1; i < segments.length; i++) {
      const prefix = segments.slice(0, i).join('.');
      if (this.arrayPaths.has(prefix)) throw new InvalidQueryError(`Path '${field}' goes through the array '${prefix}'`);
    }
  }
}

/** A range bound where the keyset's bound of a page after a cursor lies. */
const isBoundOnSide = (condition: FieldCondition, direction: SortKey['direction']): boolean =>
  direction === 'asc' ? condition.op === 'gt' || condition.op === 'gte' : condition.op === 'lt' || condition.op === 'lte';

/** The same value, as an expression no index matches. */
const unindexed = (o: Operand): Operand => ({ ...o, value: `+${o.value}` });

function scalarCondition(o: Operand, condition: FieldCondition): SqlFragment {
  switch (condition.op) {
    case 'eq':
    case 'ne':
      return eq(o, condition.value);
    case 'in':
      return inList(o, condition.values);
    case 'contains':
      return contains(o, condition.value);
    default:
      return range(o, RANGE_SQL[condition.op], condition.value);
  }
}

function eq(o: Operand, value: Scalar): SqlFragment {
  if (value === null) return o.element ? sql(`${o.type} = 'null'`) : sql(`${o.value} IS NULL`);
  if (typeof value === 'boolean') return sql(`${o.value} = ${value ? 1 : 0} AND ${o.type} = '${value}'`);
  if (typeof value === 'string') return sql(`${o.value} = ?${ambiguousText(value) ? ` AND ${o.type} = 'text'` : ''}`, value);
  return sql(`${o.value} = ?${ambiguousNumber(value) ? ` AND ${o.type} ${NUMERIC}` : ''}`, value);
}

function inList(o: Operand, values: readonly Scalar[]): SqlFragment {
  const strings = values.filter((v): v is string => typeof v === 'string');
  const numbers = values.filter((v): v is number => typeof v === 'number');
  const parts: SqlFragment[] = values.filter((v) => v === null || typeof v === 'boolean').map((v) => eq(o, v));
  // One parameter per type however long the list: SQLite caps the number of bound parameters.
  if (strings.length > 0) {
    const check = strings.some(ambiguousText) ? ` AND ${o.type} = 'text'` : '';
    parts.push(sql(`${o.value} IN (SELECT value FROM json_each(?))${check}`, JSON.stringify(strings)));
  }
  if (numbers.length > 0) {
    const check = numbers.some(ambiguousNumber) ? ` AND ${o.type} ${NUMERIC}` : '';
    parts.push(sql(`${o.value} IN (SELECT value FROM json_each(?))${check}`, JSON.stringify(numbers)));
  }
  return parts.length === 0 ? FALSE : or(...parts);
}

/** Comparisons stay within one type, as in MongoDB: a number bound never matches strings or booleans. */
function range(o: Operand, op: string, value: string | number): SqlFragment {
  if (o.element) {
    const type = typeof value === 'string' ? `${o.type} = 'text'` : `${o.type} ${NUMERIC}`;
    return sql(`${o.value} ${op} ? AND ${type}`, value);
  }
  return sql(`${o.value} ${op} ? AND ${typeof value === 'string' ? isJsonString(o) : isJsonNumber(o)}`, value);
}

/*
 * The type tests of a range, answered from the value json_extract gives where they can be, so an
 * index holding that value answers the whole condition (json_type reads the document: over a range of
 * thousands of rows, 40 ms instead of 0.5). json_extract gives objects and arrays as JSON text, which
 * starts with '{' or '[', and true/false as 1/0: only text starting so, and the numbers 0 and 1, need
 * json_type to tell them apart.
 */
const isJsonString = (o: Operand): string =>
  `(typeof(${o.value}) = 'text' AND substr(${o.value}, 1, 1) NOT IN ('{', '[') OR ${o.type} = 'text')`;
const isJsonNumber = (o: Operand): string =>
  `(typeof(${o.value}) IN ('integer', 'real') AND (${o.value} NOT IN (0, 1) OR ${o.type} ${NUMERIC}))`;

/**
 * Case-insensitive substring. LIKE (with its wildcards escaped) folds ASCII only, so needles with
 * other characters go through read_store_contains, a JS function with Unicode case folding.
 */
function contains(o: Operand, needle: string): SqlFragment {
  // eslint-disable-next-line no-control-regex
  if (/^[\u0000-\u007f]*$/.test(needle)) {
    return sql(`${o.type} = 'text' AND ${o.value} LIKE ? ESCAPE '\\'`, `%${needle.replace(/[\\%_]/g, '\\$&')}%`);
  }
  return sql(`${o.type} = 'text' AND read_store_contains(${o.value}, ?)`, needle);
}

/**
 * json_extract returns objects and arrays as JSON text, which starts with '{' or '['; only string
 * values that could equal such text need the extra json_type check (which reads the document).
 */
const ambiguousText = (value: string): boolean => value.startsWith('{') || value.startsWith('[');
/** true and false come back as 1 and 0. */
const ambiguousNumber = (value: number): boolean => value === 0 || value === 1;
