import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { FieldPaths } from './field-paths';

/** Sorts below null, as mongod orders an empty array in a sort key. */
const EMPTY_ARRAY = Symbol('empty array');

type SortKey = { readonly path: string; readonly direction: 1 | -1 };

/**
 * A validated sort specification applied with mongod's semantics: BSON type order, missing
 * fields as null, and arrays sorting by their smallest (ascending) or largest (descending) element.
 */
export class DocumentSorter {
  private constructor(
    private readonly keys: readonly SortKey[],
    private readonly natural: 1 | -1 | 0,
  ) {}

  /** @returns null for an absent or empty specification. @throws CommandError for a bad one. */
  static compile(spec: unknown): DocumentSorter | null {
    if (spec === undefined || spec === null) return null;
    if (!BsonValues.isDocument(spec)) {
      throw new CommandError(ErrorCode.TypeMismatch, `Expected field sort to be of type object`);
    }
    const keys: SortKey[] = [];
    let natural: 1 | -1 | 0 = 0;
    for (const [path, value] of Object.entries(spec)) {
      if (BsonValues.isDocument(value) && '$meta' in value) {
        throw new CommandError(ErrorCode.NotImplemented, '$meta sort is not supported by MongoTestServer');
      }
      const n = BsonValues.isNumber(value) ? BsonValues.toNumber(value) : NaN;
      if (n !== 1 && n !== -1) {
        throw new CommandError(ErrorCode.Location15975, '$sort key ordering must be 1 (for ascending) or -1 (for descending)');
      }
      if (path === '$natural') natural = n;
      else keys.push({ path, direction: n });
    }
    return keys.length === 0 && natural === 0 ? null : new DocumentSorter(keys, natural);
  }

  /** A sorted copy; the sort is stable, so ties keep natural order. */
  sort(docs: readonly Document[]): Document[] {
    const ordered = this.natural === -1 ? [...docs].reverse() : [...docs];
    if (this.keys.length === 0) return ordered;
    const decorated = ordered.map((doc) => ({ doc, keys: this.keys.map((k) => DocumentSorter.keyOf(doc, k)) }));
    decorated.sort((a, b) => {
      for (let i = 0; i < this.keys.length; i++) {
        const c = DocumentSorter.compareKeys(a.keys[i], b.keys[i]);
        if (c !== 0) return c * this.keys[i].direction;
      }
      return 0;
    });
    return decorated.map((d) => d.doc);
  }

  private static keyOf(doc: Document, key: SortKey): unknown {
    const candidates: unknown[] = [];
    for (const value of FieldPaths.reach(doc, key.path)) {
      if (Array.isArray(value)) candidates.push(...(value.length === 0 ? [EMPTY_ARRAY] : value));
      else candidates.push(value);
    }
    if (candidates.length === 0) return null;
    let best = candidates[0];
    for (const candidate of candidates.slice(1)) {
      const c = DocumentSorter.compareKeys(candidate, best);
      if (key.direction === 1 ? c < 0 : c > 0) best = candidate;
    }
    return best;
  }

  private static compareKeys(a: unknown, b: unknown): number {
    if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
    return BsonValues.compare(a, b);
  }
}
