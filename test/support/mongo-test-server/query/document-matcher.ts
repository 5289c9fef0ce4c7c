import type { Document } from 'bson';
import type { Query } from 'mingo';
import { BsonValues } from '../bson/bson-values';
import { FilterValidator } from './filter-validator';
import { MingoRuntime } from './mingo-runtime';
import { ScalarFilter, type ScalarPredicate, Verdict } from './scalar-filter';

const isRegex = (v: unknown): boolean => v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';

/** A validated, compiled query filter. */
export class DocumentMatcher {
  /** Matches every document (the empty filter). */
  static readonly all = new DocumentMatcher(null, undefined, false, null);

  /** Built on first use: mingo's Query is costly to construct and _id lookups rarely need it. */
  private query: Query | undefined;

  private constructor(
    private readonly filter: Document | null,
    /**
     * The only _id values a match can have, when the filter says so at top level
     * (_id: v, _id: { $eq: v } or _id: { $in: [...] }); undefined when any _id may match.
     */
    readonly ids: readonly unknown[] | undefined,
    /** Whether the filter is about _id alone, so a document found by {@link ids} matches. */
    private readonly idOnly: boolean,
    /** Answers most documents without mingo, which costs microseconds per document. */
    private readonly fast: ScalarPredicate | null,
  ) {}

  /** @throws CommandError when mongod would reject the filter. */
  static compile(filter: Document | undefined | null): DocumentMatcher {
    if (!filter || Object.keys(filter).length === 0) return DocumentMatcher.all;
    FilterValidator.validate(filter);
    const ids = DocumentMatcher.pinnedIds(filter._id);
    const idOnly = ids !== undefined && Object.keys(filter).length === 1;
    const matcher = new DocumentMatcher(filter, ids, idOnly, idOnly ? null : ScalarFilter.compile(filter));
    // surfaces mingo's own parse errors now rather than at the first document
    if (!matcher.idOnly) matcher.compiled();
    return matcher;
  }

  private static pinnedIds(condition: unknown): unknown[] | undefined {
    if (condition === undefined || isRegex(condition)) return undefined;
    if (!BsonValues.isOperatorDocument(condition)) return [condition];
    const operators = Object.keys(condition);
    if (operators.length !== 1) return undefined;
    if (operators[0] === '$eq' && !isRegex(condition.$eq) && !BsonValues.isOperatorDocument(condition.$eq)) return [condition.$eq];
    if (operators[0] === '$in' && Array.isArray(condition.$in) && !condition.$in.some(isRegex)) return condition.$in;
    return undefined;
  }

  /** Tests a document found through {@link ids} (StoredCollection.candidates): cheaper, same answer. */
  testCandidate(doc: Document): boolean {
    return this.idOnly || this.test(doc);
  }

  test(doc: Document): boolean {
    if (this.filter === null) return true;
    if (this.fast) {
      const verdict = this.fast(doc);
      if (verdict !== Verdict.Unknown) return verdict === Verdict.Yes;
    }
    try {
      return this.compiled().test(doc);
    } catch (error) {
      throw MingoRuntime.translate(error);
    }
  }

  private compiled(): Query {
    try {
      this.query ??= MingoRuntime.query(this.filter!);
    } catch (error) {
      throw MingoRuntime.translate(error);
    }
    return this.query;
  }
}
