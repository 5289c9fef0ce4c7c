import type Database from 'better-sqlite3';
import {
  assertCollectionName,
  assertFieldPath,
  type CountBucket,
  type Filter,
  type FindOptions,
  type Page,
  type ReadDocument,
  type Scalar,
} from '../read-store';
import { PageCursor } from '../rules/page-cursor';
import { checkFilter, type ResolvedFind, resolveFind } from '../rules/query-rules';
import { scalarKey, sortBuckets } from '../rules/scalar-order';
import type { SqliteCatalog } from './sqlite-catalog';
import { keysetSegments } from './sqlite-keyset';
import { SqliteNames } from './sqlite-names';
import { SqliteQueries } from './sqlite-queries';
import type { SqliteStatementCache } from './sqlite-statement-cache';
import type { SqlFragment } from './sql-fragment';

type PageRow = { id: string; doc: string } & Record<string, Scalar>;

/** Reads. Each runs in one read transaction, so e.g. a page and its total see one snapshot. */
export class SqliteFinder {
  private readonly inReadTransaction: <T>(work: () => T) => T;

  constructor(
    db: Database.Database,
    private readonly statements: SqliteStatementCache,
    private readonly catalog: SqliteCatalog,
  ) {
    const transaction = db.transaction((work: () => unknown) => work());
    this.inReadTransaction = <T>(work: () => T): T => transaction(work) as T;
  }

  get<D extends ReadDocument>(collection: string, id: string): D | undefined {
    return this.inReadTransaction(() => {
      if (!this.catalog.exists(collection)) return undefined;
      const table = SqliteNames.quote(SqliteNames.table(collection));
      const doc = this.statements.get(`SELECT doc FROM ${table} WHERE id = ?`).pluck().get(id) as string | undefined;
      return doc === undefined ? undefined : (JSON.parse(doc) as D);
    });
  }

  /** One query whatever the number of ids: they travel as one JSON array parameter (json_each). */
  getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Map<string, D> {
    const found = new Map<string, D>();
    const rows = this.inReadTransaction(() => {
      if (ids.length === 0 || !this.catalog.exists(collection)) return [];
      return this.statements
        .get(`SELECT id, doc FROM ${SqliteNames.quote(SqliteNames.table(collection))} WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids)) as { id: string; doc: string }[];
    });
    const byId = new Map(rows.map((row) => [row.id, row.doc]));
    // In the order asked for, as a caller reading them one by one would see them.
    for (const id of ids) {
      const doc = byId.get(id);
      if (doc !== undefined && !found.has(id)) found.set(id, JSON.parse(doc) as D);
    }
    return found;
  }

  find<D extends ReadDocument>(collection: string, options: FindOptions): Page<D> {
    assertCollectionName(collection);
    const query = resolveFind(options);
    return this.inReadTransaction(() => {
      if (!this.catalog.exists(collection)) return { items: [], nextCursor: null, ...(query.withTotal ? { total: 0 } : {}) };
      const queries = new SqliteQueries(collection, this.catalog.arrayPaths(collection));
      const rows = this.pageRows(queries, this.pageWhere(queries, query), query);
      const items = rows.slice(0, query.limit).map((row) => JSON.parse(row.doc) as D);
      const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
      const nextCursor = last ? PageCursor.encode(query.sort, query.sort.map((_, i) => last[`k${i}`])) : null;
      if (!query.withTotal) return { items, nextCursor };
      return { items, total: this.countOf(queries.count(queries.where(query.filter))), nextCursor };
    });
  }

  count(collection: string, filter: Filter | undefined): number {
    assertCollectionName(collection);
    const checked = checkFilter(filter);
    return this.inReadTransaction(() => {
      if (!this.catalog.exists(collection)) return 0;
      const queries = new SqliteQueries(collection, this.catalog.arrayPaths(collection));
      return this.countOf(queries.count(queries.where(checked)));
    });
  }

  /** Buckets per distinct scalar value; array values count once per element (MongoDB's $unwind). */
  countBy(collection: string, field: string, filter: Filter | undefined): CountBucket[] {
    assertCollectionName(collection);
    assertFieldPath(field);
    const checked = checkFilter(filter);
    return this.inReadTransaction(() => {
      if (!this.catalog.exists(collection)) return [];
      const arrayPaths = this.catalog.arrayPaths(collection);
      const queries = new SqliteQueries(collection, arrayPaths);
      const where = queries.where(checked);
      if (!arrayPaths.has(field)) {
        // The untyped query can be answered from an index; its values are exact unless one of them
        // could also be a boolean (1/0) or JSON text of an object/array.
        const rows = this.all<{ v: Scalar; n: number }>(queries.countByValue(field, where));
        if (!rows.some((row) => ambiguous(row.v))) return merge(rows.map((row) => ({ value: row.v, count: row.n })));
      }
      const typed = this.all<TypedRow>(queries.countByTypedValue(field, where, arrayPaths.has(field)));
      return merge(typed.flatMap(fromTyped));
    });
  }

  /** EXPLAIN QUERY PLAN of every query a find may run, one per keyset segment (for tests and diagnostics). */
  explainFind(collection: string, options: FindOptions): string[] {
    assertCollectionName(collection);
    const query = resolveFind(options);
    return this.inReadTransaction(() => {
      const queries = new SqliteQueries(collection, this.catalog.arrayPaths(collection));
      const where = this.pageWhere(queries, query);
      return keysetSegments(query.sort, query.after).flatMap((segment) => {
        const page = queries.page(where, segment, query.sort);
        const plan = this.statements.get(`EXPLAIN QUERY PLAN ${page.sql}`).all(...page.params, query.limit + 1) as { detail: string }[];
        return plan.map((row) => row.detail);
      });
    });
  }

  /** The filter of a page: past a cursor, the index seeks from the cursor (see SqlitePredicates.where). */
  private pageWhere(queries: SqliteQueries, query: ResolvedFind): SqlFragment {
    return queries.where(query.filter, query.after === undefined ? undefined : query.sort[0]);
  }

  /** Fills a page (plus one row, to know whether another page follows) from the keyset segments. */
  private pageRows(queries: SqliteQueries, where: SqlFragment, query: ResolvedFind): PageRow[] {
    const rows: PageRow[] = [];
    for (const segment of keysetSegments(query.sort, query.after)) {
      const page = queries.page(where, segment, query.sort);
      rows.push(...(this.statements.get(page.sql).all(...page.params, query.limit + 1 - rows.length) as PageRow[]));
      if (rows.length > query.limit) break;
    }
    return rows;
  }

  private countOf(fragment: SqlFragment): number {
    return (this.statements.get(fragment.sql).get(...fragment.params) as { n: number }).n;
  }

  private all<T>(fragment: SqlFragment): T[] {
    return this.statements.get(fragment.sql).all(...fragment.params) as T[];
  }
}

type TypedRow = { k: string | null; v: Scalar; n: number };

function fromTyped(row: TypedRow): CountBucket[] {
  switch (row.k) {
    case null:
    case 'null':
      return [{ value: null, count: row.n }];
    case 'true':
    case 'false':
      return [{ value: row.k === 'true', count: row.n }];
    case 'integer':
    case 'real':
    case 'text':
      return [{ value: row.v, count: row.n }];
    default:
      // Objects and arrays (nested in arrays) are not scalar values: no bucket.
      return [];
  }
}

const ambiguous = (value: Scalar): boolean =>
  value === 0 || value === 1 || (typeof value === 'string' && (value.startsWith('{') || value.startsWith('[')));

/** Adds up buckets of equal value (missing and null both land in the null bucket). */
function merge(buckets: CountBucket[]): CountBucket[] {
  const merged = new Map<string, { value: Scalar; count: number }>();
  for (const bucket of buckets) {
    const key = scalarKey(bucket.value);
    const entry = merged.get(key);
    if (entry) entry.count += bucket.count;
    else merged.set(key, { ...bucket });
  }
  return sortBuckets([...merged.values()]);
}
