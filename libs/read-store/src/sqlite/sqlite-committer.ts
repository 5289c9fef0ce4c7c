import type Database from 'better-sqlite3';
import type { Checkpoint, ReadWrite } from '../read-store';
import { checkCheckpoint, checkWrites } from '../rules/write-rules';
import { arrayPathsOf } from './array-paths';
import type { SqliteCatalog } from './sqlite-catalog';
import { toReadStoreError } from './sqlite-errors';
import { SqliteNames } from './sqlite-names';
import type { SqliteStatementCache } from './sqlite-statement-cache';

type Prepared =
  | { type: 'put'; collection: string; id: string; json: string; arrayPaths: string[] }
  | { type: 'delete'; collection: string; id: string };

/** Applies a batch of writes and its checkpoint in one IMMEDIATE transaction: all or nothing. */
export class SqliteCommitter {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteStatementCache,
    private readonly catalog: SqliteCatalog,
  ) {}

  commit(writes: readonly ReadWrite[], checkpoint: Checkpoint | undefined): void {
    checkCheckpoint(checkpoint);
    // Validate and serialize before taking the write lock, so the lock is held for SQL only.
    const prepared = checkWrites(writes).map(
      (write): Prepared =>
        write.type === 'put'
          ? { ...write, json: JSON.stringify(write.document), arrayPaths: arrayPathsOf(write.document) }
          : write,
    );
    let current = 'The commit';
    try {
      this.db
        .transaction(() => {
          // Writing to a collection nobody ensured creates it, as MongoDB does.
          for (const collection of new Set(prepared.map((write) => write.collection))) this.catalog.createTable(collection);
          for (const write of prepared) {
            current = `A ${write.type} of '${write.id}' in '${write.collection}'`;
            this.apply(write);
          }
          current = 'Recording array fields';
          for (const [collection, paths] of arrayPathsByCollection(prepared)) this.catalog.addArrayPaths(collection, [...paths]);
          current = 'The checkpoint';
          if (checkpoint) {
            this.statements
              .get(
                'INSERT INTO read_store_checkpoints (name, position) VALUES (?, ?) ' +
                  'ON CONFLICT (name) DO UPDATE SET position = excluded.position',
              )
              .run(checkpoint.name, checkpoint.position.toString());
          }
        })
        .immediate();
    } catch (error) {
      throw toReadStoreError(error, current);
    }
  }

  private apply(write: Prepared): void {
    const table = SqliteNames.quote(SqliteNames.table(write.collection));
    if (write.type === 'delete') {
      this.statements.get(`DELETE FROM ${table} WHERE id = ?`).run(write.id);
      return;
    }
    // An upsert that keeps the row (INSERT OR REPLACE would delete and re-insert it).
    this.statements
      .get(`INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`)
      .run(write.id, write.json);
  }
}

/** Distinct array paths per collection in a batch: recorded once per commit, not once per document. */
function arrayPathsByCollection(writes: readonly Prepared[]): Map<string, Set<string>> {
  const byCollection = new Map<string, Set<string>>();
  for (const write of writes) {
    if (write.type !== 'put' || write.arrayPaths.length === 0) continue;
    const paths = byCollection.get(write.collection) ?? new Set<string>();
    byCollection.set(write.collection, paths);
    for (const path of write.arrayPaths) paths.add(path);
  }
  return byCollection;
}
