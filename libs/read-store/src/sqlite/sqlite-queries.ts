import type { Filter, IndexSpec, SortKey } from '../read-store';
import { indexKeysWithTiebreaker } from '../rules/query-rules';
import { SqliteNames } from './sqlite-names';
import { extract, jsonPath } from './sqlite-operand';
import { SqlitePredicates } from './sqlite-predicates';
import { and, type SqlFragment } from './sql-fragment';
import type { KeysetSegment } from './sqlite-keyset';

/** SQL text for one collection's queries. Identifiers are our own encodings, values are parameters. */
export class SqliteQueries {
  private readonly table: string;
  private readonly predicates: SqlitePredicates;

  constructor(collection: string, arrayPaths: ReadonlySet<string>) {
    this.table = SqliteNames.quote(SqliteNames.table(collection));
    this.predicates = new SqlitePredicates(arrayPaths);
  }

  /** See SqlitePredicates.where for `seekFrom`. */
  where(filter: Filter, seekFrom?: SortKey): SqlFragment {
    return this.predicates.where(filter, seekFrom);
  }

  /**
   * One segment of a page: id, doc and the sort values (k0, k1, …) that the next cursor records.
   * The limit is the last parameter.
   */
  page(filter: SqlFragment, segment: KeysetSegment, sort: readonly SortKey[]): SqlFragment {
    for (const key of sort) this.predicates.assertSortable(key.field);
    const keys = sort.map((key, i) => `${extract(key.field)} AS k${i}`).join(', ');
    const order = sort
      .slice(segment.orderFrom)
      .map((key) => `${extract(key.field)} ${key.direction.toUpperCase()}`)
      .join(', ');
    const where = and(filter, segment.where);
    return {
      // No order left: every sort key is constant in this segment.
      sql: `SELECT t.id AS id, t.doc AS doc, ${keys} FROM ${this.table} AS t WHERE ${where.sql}${order === '' ? '' : ` ORDER BY ${order}`} LIMIT ?`,
      params: where.params,
    };
  }

  count(filter: SqlFragment): SqlFragment {
    return { sql: `SELECT count(*) AS n FROM ${this.table} AS t WHERE ${filter.sql}`, params: filter.params };
  }

  /** Counts per value without types: index-only when the field is indexed. Rows: v, n. */
  countByValue(field: string, filter: SqlFragment): SqlFragment {
    this.predicates.assertNotThroughArray(field);
    const x = extract(field);
    return { sql: `SELECT ${x} AS v, count(*) AS n FROM ${this.table} AS t WHERE ${filter.sql} GROUP BY 1`, params: filter.params };
  }

  /**
   * Counts per (JSON type, value), one row per array element for array values (empty arrays count
   * for nothing, as in MongoDB's $unwind). Rows: k (json type), v, n.
   */
  countByTypedValue(field: string, filter: SqlFragment, mayHoldArrays: boolean): SqlFragment {
    this.predicates.assertNotThroughArray(field);
    const x = extract(field);
    const type = `json_type(t.doc, '${jsonPath(field)}')`;
    if (!mayHoldArrays) {
      return {
        sql: `SELECT ${type} AS k, ${x} AS v, count(*) AS n FROM ${this.table} AS t WHERE ${filter.sql} GROUP BY 1, 2`,
        params: filter.params,
      };
    }
    const isArray = `${type} IS 'array'`;
    return {
      sql:
        `SELECT CASE WHEN ${isArray} THEN e.type ELSE ${type} END AS k,` +
        ` CASE WHEN ${isArray} THEN e.value ELSE ${x} END AS v, count(*) AS n` +
        ` FROM ${this.table} AS t LEFT JOIN json_each(t.doc, '${jsonPath(field)}') AS e ON ${isArray}` +
        ` WHERE (${filter.sql}) AND NOT (${isArray} AND e.key IS NULL) GROUP BY 1, 2`,
      params: filter.params,
    };
  }

  static createTable(collection: string): string {
    const table = SqliteNames.quote(SqliteNames.table(collection));
    return `CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY NOT NULL, doc TEXT NOT NULL)`;
  }

  /**
   * An expression index over json_extract(doc, …) for each key, then the id (see
   * indexKeysWithTiebreaker). The text is compared with sqlite_schema to spot changed definitions.
   */
  static createIndex(collection: string, index: IndexSpec): string {
    const name = SqliteNames.quote(SqliteNames.index(collection, index.name));
    const table = SqliteNames.quote(SqliteNames.table(collection));
    const keys = indexKeysWithTiebreaker(index)
      .map((key) => `${extract(key.field, '')} ${key.direction.toUpperCase()}`)
      .join(', ');
    return `CREATE ${index.unique === true ? 'UNIQUE ' : ''}INDEX ${name} ON ${table} (${keys})`;
  }
}
