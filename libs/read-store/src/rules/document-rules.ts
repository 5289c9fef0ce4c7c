import { InvalidQueryError, type ReadDocument } from '../read-store';

/** Deepest nesting accepted; MongoDB refuses documents nested more than 100 levels. */
export const MAX_DOCUMENT_DEPTH = 64;

/**
 * Checks a document and returns the copy that is stored, so every adapter stores the same thing:
 * plain JSON only (objects, arrays, strings, finite numbers, booleans, null). Object properties
 * that are `undefined` are dropped (as JSON.stringify does); -0 becomes 0.
 *
 * Refused with InvalidQueryError: a missing or empty string `id`; a top-level `_id` (MongoDB keeps
 * the id there); keys that are empty, begin with '$', contain '.' or NUL (MongoDB cannot query or
 * store them consistently) or are '__proto__'; and any other value (Date, bigint, NaN, class
 * instances, undefined in an array), which would not round-trip alike through SQLite and MongoDB.
 */
export function normalizeDocument(document: unknown): ReadDocument {
  if (!isPlainObject(document)) throw new InvalidQueryError('A document must be a plain JSON object');
  assertDocumentId(document.id);
  if ('_id' in document) throw new InvalidQueryError("A document must not have an '_id' field");
  return normalizeValue(document, 'document', 0) as ReadDocument;
}

/** Throws InvalidQueryError unless `id` is a non-empty string. */
export function assertDocumentId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.length === 0) throw new InvalidQueryError('A document id must be a non-empty string');
}

function normalizeValue(value: unknown, path: string, depth: number): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new InvalidQueryError(`${path}: numbers must be finite`);
    return value === 0 ? 0 : value;
  }
  if (depth >= MAX_DOCUMENT_DEPTH) throw new InvalidQueryError(`${path}: nested deeper than ${MAX_DOCUMENT_DEPTH} levels`);
  if (Array.isArray(value)) {
    return value.map((item, index) => {
      if (item === undefined) throw new InvalidQueryError(`${path}[${index}]: undefined is not JSON`);
      return normalizeValue(item, `${path}[${index}]`, depth + 1);
    });
  }
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      assertDocumentKey(key, path);
      if (item === undefined) continue;
      copy[key] = normalizeValue(item, `${path}.${key}`, depth + 1);
    }
    return copy;
  }
  throw new InvalidQueryError(`${path}: ${describe(value)} is not a JSON value`);
}

function assertDocumentKey(key: string, path: string): void {
  // '__proto__' (an own property after JSON.parse) turns into a prototype in any consumer that copies
  // documents by assignment; refusing it keeps documents safe to handle everywhere.
  if (key.length === 0 || key.startsWith('$') || key.includes('.') || key.includes('\0') || key === '__proto__') {
    throw new InvalidQueryError(`${path}: key '${key}' is not allowed (empty, '$' prefix, '.', NUL or '__proto__')`);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value);
  // Any realm's Object.prototype (its own prototype is null): structuredClone and vm contexts
  // (jest) hand out objects of another realm that are just as plain.
  return prototype === null || (Object.getPrototypeOf(prototype) === null && Object.prototype.toString.call(value) === '[object Object]');
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) return value.constructor?.name ?? 'object';
  return typeof value;
}
