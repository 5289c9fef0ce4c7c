import { UUID, type Binary, type Decimal128, type Document, type Long, type ObjectId, type Timestamp } from 'bson';
import { ComparableBinary } from './comparable-binary';

type Tagged = { readonly _bsontype?: string };

const bsonTypeOf = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' ? (value as Tagged)._bsontype : undefined;

const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);

/**
 * BSON value semantics the server needs and JavaScript lacks: MongoDB's cross-type comparison
 * order, numeric equality across number types, stable keys for index/dedup maps, cloning of
 * stored documents and the shell-like rendering mongod uses inside error messages.
 */
export class BsonValues {
  /** A plain document (not an array, Date, RegExp, buffer or bson value class). */
  static isDocument(value: unknown): value is Document {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return (proto === Object.prototype || proto === null) && bsonTypeOf(value) === undefined;
  }

  /** A document whose first field name starts with '$', i.e. an operator expression. */
  static isOperatorDocument(value: unknown): value is Document {
    if (!BsonValues.isDocument(value)) return false;
    const first = Object.keys(value)[0];
    return first !== undefined && first.startsWith('$');
  }

  static isNumber(value: unknown): boolean {
    if (typeof value === 'number' || typeof value === 'bigint') return true;
    const t = bsonTypeOf(value);
    return t === 'Long' || t === 'Int32' || t === 'Double' || t === 'Decimal128';
  }

  /** A numeric value as a JS number (lossy for very large int64/decimal values). */
  static toNumber(value: unknown): number {
    if (typeof value === 'number') return value;
    if (typeof value === 'bigint') return Number(value);
    const t = bsonTypeOf(value);
    if (t === 'Long') return (value as Long).toNumber();
    if (t === 'Int32' || t === 'Double') return (value as { value: number }).value;
    if (t === 'Decimal128') return Number((value as Decimal128).toString());
    return NaN;
  }

  /** The $type alias of a value, as mongod names types in messages and $type queries. */
  static typeName(value: unknown): string {
    if (value === undefined) return 'missing';
    if (value === null) return 'null';
    if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) <= 0x7fffffff ? 'int' : 'double';
    if (typeof value === 'bigint') return 'long';
    if (typeof value === 'string') return 'string';
    if (typeof value === 'boolean') return 'bool';
    if (Array.isArray(value)) return 'array';
    if (value instanceof Date) return 'date';
    if (value instanceof RegExp) return 'regex';
    switch (bsonTypeOf(value)) {
      case 'ObjectId':
        return 'objectId';
      case 'Binary':
        return 'binData';
      case 'Long':
        return 'long';
      case 'Int32':
        return 'int';
      case 'Double':
        return 'double';
      case 'Decimal128':
        return 'decimal';
      case 'Timestamp':
        return 'timestamp';
      case 'MinKey':
        return 'minKey';
      case 'MaxKey':
        return 'maxKey';
      case 'BSONRegExp':
        return 'regex';
      case 'Code':
        return 'javascript';
      case 'BSONSymbol':
        return 'symbol';
      case 'DBRef':
        return 'object';
      default:
        return 'object';
    }
  }

  /** Rank in MongoDB's comparison order (MinKey < null < numbers < strings < objects < arrays < ...). */
  static typeRank(value: unknown): number {
    if (value === undefined || value === null) return 2;
    if (BsonValues.isNumber(value)) return 3;
    switch (BsonValues.typeName(value)) {
      case 'minKey':
        return 1;
      case 'string':
      case 'symbol':
        return 4;
      case 'object':
        return 5;
      case 'array':
        return 6;
      case 'binData':
        return 7;
      case 'objectId':
        return 8;
      case 'bool':
        return 9;
      case 'date':
        return 10;
      case 'timestamp':
        return 11;
      case 'regex':
        return 12;
      case 'javascript':
        return 14;
      case 'maxKey':
        return 16;
      default:
        return 13;
    }
  }

  /** MongoDB's total order over BSON values (no collation): negative, zero or positive. */
  static compare(a: unknown, b: unknown): number {
    const ra = BsonValues.typeRank(a);
    const rb = BsonValues.typeRank(b);
    if (ra !== rb) return sign(ra - rb);
    switch (ra) {
      case 3:
        return BsonValues.compareNumbers(a, b);
      case 4:
        return BsonValues.compareStrings(String(a), String(b));
      case 5:
        return BsonValues.compareDocuments(a as Document, b as Document);
      case 6:
        return BsonValues.compareArrays(a as unknown[], b as unknown[]);
      case 7:
        return BsonValues.compareBinaries(a as Binary, b as Binary);
      case 8:
        return sign(Buffer.compare(Buffer.from((a as ObjectId).id), Buffer.from((b as ObjectId).id)));
      case 9:
        return sign(Number(a) - Number(b));
      case 10:
        return sign((a as Date).getTime() - (b as Date).getTime());
      case 11: {
        const ta = a as Timestamp;
        const tb = b as Timestamp;
        return ta.t !== tb.t ? sign(ta.t - tb.t) : sign(ta.i - tb.i);
      }
      case 12: {
        const [sa, fa] = BsonValues.regexParts(a);
        const [sb, fb] = BsonValues.regexParts(b);
        return sa !== sb ? (sa < sb ? -1 : 1) : fa < fb ? -1 : fa > fb ? 1 : 0;
      }
      default:
        return 0;
    }
  }

  /** UTF-8 byte order (mongod's, without collation), without encoding when no surrogates are involved. */
  static compareStrings(a: string, b: string): number {
    if (a === b) return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      const x = a.charCodeAt(i);
      const y = b.charCodeAt(i);
      if (x === y) continue;
      // below the surrogates, code unit order is code point order is UTF-8 order
      if (x < 0xd800 && y < 0xd800) return x < y ? -1 : 1;
      return sign(Buffer.compare(utf8(a), utf8(b)));
    }
    // a lone surrogate at the end of the common part may pair up in the longer string
    if (n > 0 && a.charCodeAt(n - 1) >= 0xd800) return sign(Buffer.compare(utf8(a), utf8(b)));
    return a.length < b.length ? -1 : 1;
  }

  static equals(a: unknown, b: unknown): boolean {
    return BsonValues.compare(a, b) === 0;
  }

  /**
   * A string that is equal for two values exactly when {@link compare} says they are equal
   * (so 1, 1.0 and Long(1) share a key); missing and null share one too, as in an index.
   */
  static key(value: unknown): string {
    if (value === undefined || value === null) return 'N';
    if (BsonValues.isNumber(value)) {
      if (bsonTypeOf(value) === 'Long') return `n${(value as Long).toString()}`;
      const n = BsonValues.toNumber(value);
      return Number.isNaN(n) ? 'nNaN' : `n${Object.is(n, -0) ? 0 : n}`;
    }
    if (typeof value === 'string') return `s${JSON.stringify(value)}`;
    if (typeof value === 'boolean') return value ? 'T' : 'F';
    if (Array.isArray(value)) return `[${value.map((v) => BsonValues.key(v)).join(',')}]`;
    if (BsonValues.isDocument(value)) {
      return `{${Object.entries(value)
        .map(([k, v]) => `${JSON.stringify(k)}:${BsonValues.key(v)}`)
        .join(',')}}`;
    }
    if (value instanceof Date) return `d${value.getTime()}`;
    switch (BsonValues.typeName(value)) {
      case 'objectId':
        return `o${(value as ObjectId).toHexString()}`;
      case 'binData': {
        const bin = value as Binary;
        return `b${bin.sub_type}:${Buffer.from(bin.buffer.subarray(0, bin.position)).toString('hex')}`;
      }
      case 'timestamp':
        return `t${(value as Timestamp).t}:${(value as Timestamp).i}`;
      case 'regex': {
        const [source, flags] = BsonValues.regexParts(value);
        return `r${source}/${flags}`;
      }
      case 'minKey':
        return 'm';
      case 'maxKey':
        return 'M';
      default:
        return `x${String(value)}`;
    }
  }

  /** Deep copy of documents and arrays; bson value objects are immutable here and shared. */
  static clone<T>(value: T): T {
    if (Array.isArray(value)) return value.map((v) => BsonValues.clone(v)) as T;
    if (BsonValues.isDocument(value)) {
      const copy: Document = {};
      for (const [k, v] of Object.entries(value)) copy[k] = BsonValues.clone(v);
      return copy as T;
    }
    return value;
  }

  /**
   * Rewrites freshly deserialized request values so in-memory comparisons are exact
   * (generic binaries get a hex string form, see {@link ComparableBinary}).
   */
  static normalizeIncoming<T>(value: T): T {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = BsonValues.normalizeIncoming(value[i]);
      return value;
    }
    if (BsonValues.isDocument(value)) {
      const doc: Document = value;
      for (const k of Object.keys(doc)) doc[k] = BsonValues.normalizeIncoming(doc[k]);
      return value;
    }
    if (bsonTypeOf(value) === 'Binary' && !(value instanceof UUID) && !(value instanceof ComparableBinary)) {
      return ComparableBinary.from(value as unknown as Binary) as T;
    }
    return value;
  }

  /** Renders a value the way mongod prints BSON inside error messages, e.g. { email: "a@b" }. */
  static format(value: unknown): string {
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    if (typeof value === 'string') return JSON.stringify(value);
    if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
    if (Array.isArray(value)) return value.length === 0 ? '[]' : `[ ${value.map((v) => BsonValues.format(v)).join(', ')} ]`;
    if (BsonValues.isDocument(value)) {
      const entries = Object.entries(value);
      if (entries.length === 0) return '{}';
      return `{ ${entries.map(([k, v]) => `${k}: ${BsonValues.format(v)}`).join(', ')} }`;
    }
    if (value instanceof Date) return `new Date(${value.getTime()})`;
    if (value instanceof RegExp) return `/${value.source}/${value.flags}`;
    if (value instanceof UUID) return `UUID("${value.toHexString(true)}")`;
    switch (BsonValues.typeName(value)) {
      case 'objectId':
        return `ObjectId('${(value as ObjectId).toHexString()}')`;
      case 'binData': {
        const bin = value as Binary;
        return `BinData(${bin.sub_type}, ${Buffer.from(bin.buffer.subarray(0, bin.position)).toString('hex').toUpperCase()})`;
      }
      case 'timestamp':
        return `Timestamp(${(value as Timestamp).t}, ${(value as Timestamp).i})`;
      default:
        return String(value);
    }
  }

  /** A document's _id rendered as mongod does in update error messages: {_id: 1}. */
  static formatId(doc: Document): string {
    return `{_id: ${BsonValues.format(doc._id)}}`;
  }

  private static compareNumbers(a: unknown, b: unknown): number {
    if (bsonTypeOf(a) === 'Long' && bsonTypeOf(b) === 'Long') return (a as Long).compare(b as Long);
    const x = BsonValues.toNumber(a);
    const y = BsonValues.toNumber(b);
    // mongod orders NaN below every other number and equal to itself
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : -1) : 1;
    return sign(x - y);
  }

  private static compareDocuments(a: Document, b: Document): number {
    const ea = Object.entries(a);
    const eb = Object.entries(b);
    for (let i = 0; i < Math.min(ea.length, eb.length); i++) {
      const [ka, va] = ea[i];
      const [kb, vb] = eb[i];
      const byType = sign(BsonValues.typeRank(va) - BsonValues.typeRank(vb));
      if (byType !== 0) return byType;
      const byName = sign(Buffer.compare(utf8(ka), utf8(kb)));
      if (byName !== 0) return byName;
      const byValue = BsonValues.compare(va, vb);
      if (byValue !== 0) return byValue;
    }
    return sign(ea.length - eb.length);
  }

  private static compareArrays(a: unknown[], b: unknown[]): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = BsonValues.compare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return sign(a.length - b.length);
  }

  private static compareBinaries(a: Binary, b: Binary): number {
    if (a.position !== b.position) return sign(a.position - b.position);
    if (a.sub_type !== b.sub_type) return sign(a.sub_type - b.sub_type);
    return sign(Buffer.compare(Buffer.from(a.buffer.subarray(0, a.position)), Buffer.from(b.buffer.subarray(0, b.position))));
  }

  private static regexParts(value: unknown): [string, string] {
    if (value instanceof RegExp) return [value.source, value.flags];
    const r = value as { pattern: string; options: string };
    return [r.pattern, r.options];
  }
}

