import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { DocumentMatcher } from '../query/document-matcher';
import { FieldPaths } from '../query/field-paths';

/** Options that only change what an index stores or enforces, compared when an index is re-created. */
const OPTION_FIELDS = ['unique', 'sparse', 'partialFilterExpression', 'expireAfterSeconds', 'hidden'];
const UNMODELLED_TYPES = new Set(['text', '2d', '2dsphere', 'geoHaystack']);
const MAX_KEYS_PER_DOCUMENT = 1000;

/**
 * One index of a collection: its spec as listIndexes shows it, and for unique indexes the keys
 * a document produces (null/missing alike, one key per array element, sparse and partial
 * indexes skipping documents they do not cover).
 */
export class IndexDefinition {
  readonly name: string;
  readonly key: Document;
  readonly fields: readonly string[];
  readonly unique: boolean;
  private readonly sparse: boolean;
  private readonly partial: DocumentMatcher | null;

  private constructor(readonly spec: Document) {
    this.name = spec.name as string;
    this.key = spec.key as Document;
    this.fields = Object.keys(this.key);
    this.unique = spec.unique === true || this.name === '_id_';
    this.sparse = spec.sparse === true;
    this.partial = BsonValues.isDocument(spec.partialFilterExpression)
      ? DocumentMatcher.compile(spec.partialFilterExpression)
      : null;
  }

  /** The implicit unique index on _id every collection has. */
  static readonly idIndex = new IndexDefinition({ v: 2, key: { _id: 1 }, name: '_id_' });

  /** Validates one entry of createIndexes' 'indexes' array. @throws CommandError */
  static fromRequest(raw: unknown): IndexDefinition {
    if (!BsonValues.isDocument(raw)) throw new CommandError(ErrorCode.TypeMismatch, "BSON field 'createIndexes.indexes' entries must be objects");
    const key = raw.key;
    if (!BsonValues.isDocument(key)) {
      throw new CommandError(ErrorCode.FailedToParse, "The 'key' field is a required property of an index specification");
    }
    if (typeof raw.name !== 'string' || raw.name === '') {
      throw new CommandError(ErrorCode.FailedToParse, "The 'name' field is a required property of an index specification");
    }
    if (Object.keys(key).length === 0) throw new CommandError(ErrorCode.CannotCreateIndex, 'Index keys cannot be empty.');
    for (const [field, direction] of Object.entries(key)) {
      if (typeof direction === 'string') {
        if (UNMODELLED_TYPES.has(direction)) {
          throw new CommandError(ErrorCode.NotImplemented, `'${direction}' indexes are not supported by MongoTestServer`);
        }
        if (direction !== 'hashed') throw new CommandError(ErrorCode.CannotCreateIndex, `Unknown index plugin '${direction}'`);
      } else if (!BsonValues.isNumber(direction) || BsonValues.toNumber(direction) === 0) {
        throw new CommandError(
          ErrorCode.CannotCreateIndex,
          `Values in the index key pattern can't be 0 or non-numeric: ${field}: ${BsonValues.format(direction)}`,
        );
      }
      if (field === '' || field.split('.').some((p) => p === '' || p.startsWith('$'))) {
        if (field !== '$**' && !field.endsWith('.$**')) {
          throw new CommandError(ErrorCode.CannotCreateIndex, `Index key contains an illegal field name: ${field}`);
        }
      }
    }
    if (raw.collation !== undefined) throw new CommandError(ErrorCode.NotImplemented, 'collation is not supported by MongoTestServer');
    if (raw.unique === true && Object.keys(key).some((f) => f.includes('$**'))) {
      throw new CommandError(ErrorCode.CannotCreateIndex, 'Index type "wildcard" does not support the unique option');
    }
    const spec: Document = { v: 2, key: BsonValues.clone(key), name: raw.name };
    for (const [field, value] of Object.entries(raw)) {
      if (['v', 'key', 'name', 'ns', 'background'].includes(field)) continue;
      if (field === 'unique' || field === 'sparse' || field === 'hidden') {
        if (value) spec[field] = true;
        continue;
      }
      spec[field] = BsonValues.clone(value);
    }
    return new IndexDefinition(spec);
  }

  sameKeyAs(other: IndexDefinition): boolean {
    return BsonValues.key(this.key) === BsonValues.key(other.key);
  }

  sameOptionsAs(other: IndexDefinition): boolean {
    return OPTION_FIELDS.every((f) => BsonValues.key(this.spec[f]) === BsonValues.key(other.spec[f]));
  }

  /** Whether the index holds an entry for the document at all (sparse/partial). */
  covers(doc: Document): boolean {
    if (this.partial && !this.partial.test(doc)) return false;
    if (this.sparse && this.fields.every((f) => FieldPaths.reach(doc, f).length === 0)) return false;
    return true;
  }

  /** The distinct index keys of a document, each with the {field: value} pair behind it. */
  entries(doc: Document): Map<string, Document> {
    const out = new Map<string, Document>();
    if (!this.covers(doc)) return out;
    let combinations: unknown[][] = [[]];
    for (const field of this.fields) {
      const reached = FieldPaths.reachSpread(doc, field);
      const values = reached.length === 0 ? [null] : reached;
      combinations = combinations.flatMap((c) => values.map((v) => [...c, v])).slice(0, MAX_KEYS_PER_DOCUMENT);
    }
    for (const combination of combinations) {
      const keyValue: Document = {};
      this.fields.forEach((f, i) => (keyValue[f] = combination[i] ?? null));
      out.set(BsonValues.key(combination.map((v) => v ?? null)), keyValue);
    }
    return out;
  }
}
