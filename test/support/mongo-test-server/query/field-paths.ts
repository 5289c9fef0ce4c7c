import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';

const isIndex = (part: string): boolean => /^\d+$/.test(part);

/**
 * Reading dotted field paths ('a.b.0.c') out of documents, in the two ways mongod does:
 * exactly (numeric parts index arrays, nothing else traverses them), and with the implicit
 * array traversal that queries, sorts, indexes and distinct use.
 */
export class FieldPaths {
  static split(path: string): string[] {
    return path.split('.');
  }

  /** The value at the path, without traversing arrays except through numeric parts. */
  static getExact(doc: unknown, path: string | readonly string[]): unknown {
    let current: unknown = doc;
    for (const part of typeof path === 'string' ? FieldPaths.split(path) : path) {
      if (Array.isArray(current)) {
        if (!isIndex(part)) return undefined;
        current = current[Number(part)];
      } else if (BsonValues.isDocument(current)) {
        current = current[part];
      } else {
        return undefined;
      }
    }
    return current;
  }

  /**
   * Every value the path reaches, descending into arrays of documents on the way, as an index or
   * a sort key sees them. A value that is itself an array is returned as the array; callers decide
   * whether to spread it. Nothing is returned where the path is missing.
   */
  static reach(doc: unknown, path: string): unknown[] {
    const out: unknown[] = [];
    FieldPaths.collect(doc, FieldPaths.split(path), 0, out);
    return out;
  }

  /** Values for index keys and distinct: arrays at the end of the path are spread into elements. */
  static reachSpread(doc: unknown, path: string): unknown[] {
    const out: unknown[] = [];
    for (const value of FieldPaths.reach(doc, path)) {
      if (Array.isArray(value)) out.push(...value);
      else out.push(value);
    }
    return out;
  }

  /** Every field path a query filter constrains, looking inside $and/$or/$nor. */
  static queryPaths(filter: Document): string[] {
    const paths: string[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (Array.isArray(value)) {
          for (const clause of value) if (BsonValues.isDocument(clause)) paths.push(...FieldPaths.queryPaths(clause));
        }
      } else if (!key.startsWith('$')) {
        paths.push(key);
      }
    }
    return paths;
  }

  private static collect(value: unknown, parts: readonly string[], i: number, out: unknown[]): void {
    if (i === parts.length) {
      if (value !== undefined) out.push(value);
      return;
    }
    const part = parts[i];
    if (Array.isArray(value)) {
      if (isIndex(part)) FieldPaths.collect(value[Number(part)], parts, i + 1, out);
      for (const element of value) {
        if (BsonValues.isDocument(element)) FieldPaths.collect(element, parts, i, out);
      }
      return;
    }
    if (BsonValues.isDocument(value)) FieldPaths.collect((value as Document)[part], parts, i + 1, out);
  }
}
