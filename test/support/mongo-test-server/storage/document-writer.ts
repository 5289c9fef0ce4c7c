import { ObjectId, type Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { LogicalClock } from '../logical-clock';
import type { DocumentMatcher } from '../query/document-matcher';
import type { DocumentSorter } from '../query/document-sorter';
import { UpdateSpec } from '../update/update-spec';
import { UpsertSeed } from '../update/upsert-seed';
import type { Namespace } from './namespace';
import type { StorageView } from './storage-view';
import { StoredCollection } from './stored-collection';

/** One update statement, parsed. */
export interface UpdateStatement {
  readonly query: Document;
  readonly matcher: DocumentMatcher;
  readonly spec: UpdateSpec;
  readonly multi: boolean;
  readonly upsert: boolean;
  /** findAndModify's sort: which matching document is updated. */
  readonly sort?: DocumentSorter | null;
}

/** What an update statement did. */
export interface UpdateOutcome {
  readonly matched: number;
  readonly modified: number;
  /** Set when the statement inserted a document. */
  readonly upserted?: Document;
  /** The first matched document before and after the update (findAndModify). */
  readonly before?: Document;
  readonly after?: Document;
}

const INVALID_ID_TYPES = new Set(['array', 'regex', 'undefined']);

/**
 * Performs single write statements against a storage view. Each statement is planned
 * (documents chosen) and applied without yielding, so it is atomic; when an open transaction
 * holds a document it must write, it waits for that transaction and plans again.
 */
export class DocumentWriter {
  constructor(private readonly clock: LogicalClock) {}

  /** A document ready to store: valid _id (generated if absent) as its first field. @throws CommandError */
  static prepareInsert(doc: Document): Document {
    const id = doc._id === undefined ? new ObjectId() : doc._id;
    const type = BsonValues.typeName(id);
    if (INVALID_ID_TYPES.has(type)) {
      throw new CommandError(ErrorCode.InvalidIdField, `The '_id' value cannot be of type ${type}`);
    }
    if (BsonValues.isDocument(id)) {
      const dollar = Object.keys(id).find((k) => k.startsWith('$'));
      if (dollar) {
        throw new CommandError(
          ErrorCode.DollarPrefixedFieldName,
          `_id fields may not contain '$'-prefixed fields: ${dollar} is not valid for storage.`,
        );
      }
    }
    const rest: Document = { ...doc };
    delete rest._id;
    return { _id: id, ...rest };
  }

  async insert(view: StorageView, ns: Namespace, doc: Document): Promise<void> {
    const key = StoredCollection.idKey(doc._id);
    for (;;) {
      const blocker = view.claim(ns.toString(), [key]);
      if (blocker) {
        await blocker;
        continue;
      }
      const collection = view.writable(ns.toString()) ?? view.create(ns.db, ns.collection);
      collection.insert(doc);
      this.clock.tick();
      return;
    }
  }

  async update(view: StorageView, ns: Namespace, statement: UpdateStatement): Promise<UpdateOutcome> {
    for (;;) {
      const matched = this.match(view, ns, statement.matcher, statement.multi ? undefined : 1, statement.sort);
      if (matched.length === 0) {
        if (!statement.upsert) return { matched: 0, modified: 0 };
        const doc = this.upsertDocument(statement);
        const blocker = view.claim(ns.toString(), [StoredCollection.idKey(doc._id)]);
        if (blocker) {
          await blocker;
          continue;
        }
        const collection = view.writable(ns.toString()) ?? view.create(ns.db, ns.collection);
        collection.insert(doc);
        this.clock.tick();
        return { matched: 0, modified: 0, upserted: doc, after: doc };
      }
      const keys = matched.map((d) => StoredCollection.idKey(d._id));
      const blocker = view.claim(ns.toString(), keys);
      if (blocker) {
        await blocker;
        continue;
      }
      const collection = view.writable(ns.toString())!;
      let modified = 0;
      let first: Document | undefined;
      for (const [i, doc] of matched.entries()) {
        const next = statement.spec.apply(doc, { isInsert: false, query: statement.query, timestamp: () => this.clock.tick() });
        if (UpdateSpec.changed(doc, next)) {
          collection.replace(keys[i], next);
          modified++;
        }
        first ??= next;
      }
      if (modified > 0) this.clock.tick();
      return { matched: matched.length, modified, before: matched[0], after: first };
    }
  }

  /** Deletes matching documents (at most one when `single`) and returns them. */
  async remove(
    view: StorageView,
    ns: Namespace,
    matcher: DocumentMatcher,
    single: boolean,
    sort?: DocumentSorter | null,
  ): Promise<Document[]> {
    for (;;) {
      const matched = this.match(view, ns, matcher, single ? 1 : undefined, sort);
      if (matched.length === 0) return [];
      const keys = matched.map((d) => StoredCollection.idKey(d._id));
      const blocker = view.claim(ns.toString(), keys);
      if (blocker) {
        await blocker;
        continue;
      }
      const collection = view.writable(ns.toString())!;
      for (const key of keys) collection.remove(key);
      this.clock.tick();
      return matched;
    }
  }

  private match(
    view: StorageView,
    ns: Namespace,
    matcher: DocumentMatcher,
    limit: number | undefined,
    sort?: DocumentSorter | null,
  ): Document[] {
    const collection = view.collection(ns.toString());
    if (!collection) return [];
    const candidates = collection.candidates(matcher.ids);
    if (sort) return sort.sort(candidates.filter((d) => matcher.testCandidate(d))).slice(0, limit);
    const matched: Document[] = [];
    for (const doc of candidates) {
      if (!matcher.testCandidate(doc)) continue;
      matched.push(doc);
      if (matched.length === limit) break;
    }
    return matched;
  }

  private upsertDocument(statement: UpdateStatement): Document {
    const { spec, query } = statement;
    const seed = spec.kind === 'replacement' ? UpsertSeed.idOnly(query) : UpsertSeed.fromQuery(query);
    const doc = spec.apply(seed, { isInsert: true, query, timestamp: () => this.clock.tick() });
    return DocumentWriter.prepareInsert(doc);
  }
}
