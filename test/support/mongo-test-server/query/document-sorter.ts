import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { FieldPaths } from './field-paths';

/** Sorts below null, as mongod orders an empty array in a sort key. */
const EMPTY_ARRAY = Symbol('empty array');

type SortKey = { readonly path: string; readonly direction: 1 | -1 };
type Decorated = { readonly doc: Document; readonly keys: unknown[] };

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
    const decorated = ordered.map((doc) => this.decorate(doc));
    decorated.sort((a, b) => this.compare(a, b));
    return decorated.map((d) => d.doc);
  }

  /**
   * The first `count` documents of {@link sort}'s order, without sorting the rest: a sorted
   * buffer of `count` that most documents fail to enter after one comparison (limit pushdown).
   */
  sortTop(docs: readonly Document[], count: number): Document[] {
    if (this.keys.length === 0 || count >= docs.length) return this.sort(docs).slice(0, count);
    if (count <= 0) return [];
    const best: Decorated[] = [];
    const last = docs.length - 1;
    for (let i = 0; i <= last; i++) {
      const item = this.decorate(docs[this.natural === -1 ? last - i : i]);
      if (best.length === count && this.compare(item, best[count - 1]) >= 0) continue;
      // after every equal key, so ties keep their input order
      let low = 0;
      let high = best.length;
      while (low < high) {
        const mid = (low + high) >>> 1;
        if (this.compare(item, best[mid]) < 0) high = mid;
        else low = mid + 1;
      }
      best.splice(low, 0, item);
      if (best.length > count) best.pop();
    }
    return best.map((d) => d.doc);
  }

  private decorate(doc: Document): Decorated {
    return { doc, keys: this.keys.map((k) => DocumentSorter.keyOf(doc, k)) };
  }

  private compare(a: Decorated, b: Decorated): number {
    for (let i = 0; i < this.keys.length; i++) {
      const c = DocumentSorter.compareKeys(a.keys[i], b.keys[i]);
      if (c !== 0) return c * this.keys[i].direction;
    }
    return 0;
  }

  private static keyOf(doc: Document, key: SortKey): unknown {
    if (!key.path.includes('.')) {
      // a top-level non-array value is its own key (FieldPaths.reach reads fields the same way)
      const value = doc[key.path];
      if (value === undefined) return null;
      if (!Array.isArray(value)) return value;
    }
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
    if (typeof a === 'string' && typeof b === 'string') return BsonValues.compareStrings(a, b);
    if (a === EMPTY_ARRAY || b === EMPTY_ARRAY) return a === b ? 0 : a === EMPTY_ARRAY ? -1 : 1;
    return BsonValues.compare(a, b);
  }
}
