import type Database from 'better-sqlite3';
import type { IndexSpec } from '../read-store';
import { SqliteNames } from './sqlite-names';
import { SqliteQueries } from './sqlite-queries';
import type { SqliteStatementCache } from './sqlite-statement-cache';

/** Collection tables, their indexes and the array-path registry. Call inside a transaction where noted. */
export class SqliteCatalog {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteStatementCache,
  ) {}

  exists(collection: string): boolean {
    return (
      this.statements
        .get("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?")
        .get(SqliteNames.table(collection)) !== undefined
    );
  }

  arrayPaths(collection: string): Set<string> {
    const rows = this.statements
      .get('SELECT path FROM read_store_array_paths WHERE collection = ?')
      .pluck()
      .all(collection) as string[];
    return new Set(rows);
  }

  /** Records paths that hold arrays (part of the writing transaction). */
  addArrayPaths(collection: string, paths: readonly string[]): void {
    const insert = this.statements.get('INSERT OR IGNORE INTO read_store_array_paths (collection, path) VALUES (?, ?)');
    for (const path of paths) insert.run(collection, path);
  }

  createTable(collection: string): void {
    this.statements.get(SqliteQueries.createTable(collection)).run();
  }

  /**
   * Creates the table and each index; an index whose definition changed under the same name is
   * rebuilt. Indexes not listed are left alone. Runs in one IMMEDIATE transaction.
   */
  ensure(collection: string, indexes: readonly IndexSpec[]): void {
    this.db
      .transaction(() => {
        this.createTable(collection);
        const existing = new Map(
          (
            this.db
              .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
              .all(SqliteNames.table(collection)) as { name: string; sql: string }[]
          ).map((row) => [row.name, row.sql]),
        );
        for (const index of indexes) {
          const name = SqliteNames.index(collection, index.name);
          const definition = SqliteQueries.createIndex(collection, index);
          const current = existing.get(name);
          if (current === definition) continue;
          if (current !== undefined) this.db.exec(`DROP INDEX ${SqliteNames.quote(name)}`);
          this.db.exec(definition);
        }
      })
      .immediate();
  }

  drop(collection: string): void {
    this.db
      .transaction(() => {
        this.db.exec(`DROP TABLE IF EXISTS ${SqliteNames.quote(SqliteNames.table(collection))}`);
        this.statements.get('DELETE FROM read_store_array_paths WHERE collection = ?').run(collection);
      })
      .immediate();
    // Statements on the dropped table would fail from now on; drop them with it.
    this.statements.clear();
  }

  list(): string[] {
    const tables = this.db
      .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'c\\_%' ESCAPE '\\'")
      .pluck()
      .all() as string[];
    return tables
      .map((table) => SqliteNames.collectionOf(table))
      .filter((name): name is string => name !== undefined)
      .sort();
  }
}
