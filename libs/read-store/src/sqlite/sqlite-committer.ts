import type Database from 'better-sqlite3';
import { assertCollectionName, type Checkpoint, InvalidQueryError, type ReadDocument, type ReadWrite } from '../read-store';
import { assertDocumentId, checkStorableDocument } from '../rules/document-rules';
import { assertCheckpointForward } from '../rules/read-store-errors';
import { checkCheckpoint } from '../rules/write-rules';
import type { SqliteCatalog } from './sqlite-catalog';
import { toReadStoreError } from './sqlite-errors';
import { SqliteNames } from './sqlite-names';
import type { SqliteStatementCache } from './sqlite-statement-cache';

/**
 * A batch checked: write i goes to collections[i], id ids[i], and is a put of documents[i] or
 * (null) a delete. Parallel arrays rather than an object per write: a rebuild commits tens of
 * thousands of writes at a time.
 */
type Prepared = {
  collections: string[];
  ids: string[];
  documents: (ReadDocument | null)[];
  /** Paths that hold an array in some document of the batch, per collection. */
  arrayPaths: Map<string, Set<string>>;
};

type CollectionStatements = { upsert: Database.Statement; remove: Database.Statement };

/** Applies a batch of writes and its checkpoint in one IMMEDIATE transaction: all or nothing. */
export class SqliteCommitter {
  constructor(
    private readonly db: Database.Database,
    private readonly statements: SqliteStatementCache,
    private readonly catalog: SqliteCatalog,
  ) {}

  commit(writes: readonly ReadWrite[], checkpoint: Checkpoint | undefined): void {
    checkCheckpoint(checkpoint);
    // Validate before taking the write lock: an invalid batch fails without touching the store.
    // Documents are serialized one by one as they are written, under the lock: holding the JSON of
    // a whole batch until the end kept hundreds of megabytes alive through a rebuild, each string
    // copied by the garbage collector twice, which cost more than the serializing itself (and
    // readers never wait for the lock in WAL mode; other writers wait up to the busy timeout).
    const prepared = prepare(writes);
    let current = 'The commit';
    try {
      this.db
        .transaction(() => {
          if (checkpoint) {
            current = 'The checkpoint';
            const stored = this.statements
              .get('SELECT position FROM read_store_checkpoints WHERE name = ?')
              .pluck()
              .get(checkpoint.name) as string | undefined;
            // Under the write lock, so no other writer moves it before this commit ends.
            assertCheckpointForward(checkpoint.name, stored === undefined ? undefined : BigInt(stored), checkpoint.position);
            current = 'The commit';
          }
          // Writing to a collection nobody ensured creates it, as MongoDB does.
          const byCollection = new Map<string, CollectionStatements>();
          for (const collection of prepared.collections) {
            if (byCollection.has(collection)) continue;
            this.catalog.createTable(collection);
            byCollection.set(collection, this.statementsFor(collection));
          }
          const { collections, ids, documents } = prepared;
          let statements: CollectionStatements | undefined;
          let statementsOf: string | undefined;
          for (let i = 0; i < ids.length; i++) {
            const collection = collections[i]!;
            if (collection !== statementsOf) {
              statements = byCollection.get(collection)!;
              statementsOf = collection;
            }
            const document = documents[i]!;
            try {
              // A checked document is plain JSON: this cannot throw.
              if (document === null) statements!.remove.run(ids[i]);
              else statements!.upsert.run(ids[i], JSON.stringify(document));
            } catch (error) {
              current = `A ${document === null ? 'delete' : 'put'} of '${ids[i]}' in '${collection}'`;
              throw error;
            }
          }
          current = 'Recording array fields';
          for (const [collection, paths] of prepared.arrayPaths) this.catalog.addArrayPaths(collection, [...paths]);
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

  /** The collection's statements, prepared (or taken from the cache) once per commit, not once per write. */
  private statementsFor(collection: string): CollectionStatements {
    const table = SqliteNames.quote(SqliteNames.table(collection));
    return {
      // An upsert that keeps the row (INSERT OR REPLACE would delete and re-insert it).
      upsert: this.statements.get(`INSERT INTO ${table} (id, doc) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc`),
      remove: this.statements.get(`DELETE FROM ${table} WHERE id = ?`),
    };
  }
}

/**
 * Validates the whole batch as checkWrites does (the same rules and errors, so an invalid write
 * fails the commit before anything is written), but checks documents in place: no copy per
 * document, and JSON.stringify of the document itself stores what the copy would (see
 * checkStorableDocument).
 */
function prepare(writes: readonly ReadWrite[]): Prepared {
  if (!Array.isArray(writes)) throw new InvalidQueryError('writes must be an array');
  const prepared: Prepared = {
    collections: new Array<string>(writes.length),
    ids: new Array<string>(writes.length),
    documents: new Array<ReadDocument | null>(writes.length),
    arrayPaths: new Map(),
  };
  // Batches are long runs of one collection: its name is checked, and its path set looked up, once per run.
  let checkedName: string | undefined;
  let arrayPaths: Set<string> | undefined;
  for (let i = 0; i < writes.length; i++) {
    const write = writes[i]!;
    const collection = write?.collection;
    if (collection !== checkedName || checkedName === undefined) {
      assertCollectionName(collection);
      checkedName = collection;
      arrayPaths = prepared.arrayPaths.get(collection);
      if (arrayPaths === undefined) prepared.arrayPaths.set(collection, (arrayPaths = new Set()));
    }
    prepared.collections[i] = collection;
    if (write.type === 'put') {
      const document = checkStorableDocument(write.document, arrayPaths);
      prepared.ids[i] = document.id;
      prepared.documents[i] = document;
    } else if (write.type === 'delete') {
      assertDocumentId(write.id);
      prepared.ids[i] = write.id;
      prepared.documents[i] = null;
    } else {
      throw new InvalidQueryError(`Unknown write type '${String((write as { type?: unknown }).type)}'`);
    }
  }
  for (const [collection, paths] of prepared.arrayPaths) if (paths.size === 0) prepared.arrayPaths.delete(collection);
  return prepared;
}
