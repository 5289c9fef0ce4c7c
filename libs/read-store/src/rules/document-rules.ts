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

/**
 * normalizeDocument's checks without its copy, for adapters that store the document's JSON text:
 * returns `document` itself when it passes, having added to `arrayPaths` (when given) every path
 * arrayPathsOf (sqlite/array-paths.ts) would list; otherwise throws normalizeDocument's error.
 * JSON.stringify of the result is exactly JSON.stringify of normalizeDocument's copy: the copy only
 * drops `undefined` properties and turns -0 into 0, which JSON.stringify does anyway.
 *
 * It allocates nothing per value on the way (no copies, no paths of fields, no entry pairs):
 * rebuilds and catch-ups store documents by the hundred thousand. Error messages are built by
 * normalizeDocument, which runs only when the check fails.
 */
export function checkStorableDocument(document: unknown, arrayPaths?: Set<string>): ReadDocument {
  // for-in lists own keys only while nothing enumerable is inherited from Object.prototype.
  const walk: Walk = { arrayPaths, forIn: !hasEnumerableKeys(Object.prototype) };
  if (isPlainObject(document) && isStorableValue(document, 0, '', walk)) {
    if (typeof document.id === 'string' && document.id.length > 0 && !('_id' in document)) return document as ReadDocument;
  }
  // Invalid: normalizeDocument throws the error (with the offending path) every adapter throws. Should
  // it accept what this check did not, its copy is what gets stored.
  const copy = normalizeDocument(document);
  isStorableValue(copy, 0, '', { arrayPaths, forIn: false });
  return copy;
}

type Walk = Readonly<{ arrayPaths: Set<string> | undefined; forIn: boolean }>;

/** Array fields are recorded under the names a query could use (see sqlite/array-paths.ts). */
const PATH_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `value` has an enumerable string key of its own or inherited (for-in lists it). */
function hasEnumerableKeys(value: object): boolean {
  for (const _ in value) return true;
  return false;
}

/**
 * True when normalizeValue would accept `value`. `prefix` is the dotted path of an object reached
 * through nameable keys only ('' at the top, null once inside an array or past an unnameable key);
 * array paths under it are recorded into `walk.arrayPaths` (also on the way to a failure: the
 * caller then throws).
 */
function isStorableValue(value: unknown, depth: number, prefix: string | null, walk: Walk): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (depth >= MAX_DOCUMENT_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // A hole is skipped by normalizeValue's map (and written as null by JSON.stringify alike).
      if (item === undefined) {
        if (i in value) return false;
        continue;
      }
      if (!isStorableValue(item, depth + 1, null, walk)) return false;
    }
    return true;
  }
  if (!isPlainObject(value)) return false;
  // for-in reads through V8's enum cache, far cheaper than Object.keys plus a lookup per key; it
  // lists own keys only when nothing up the prototype chain is enumerable: checkStorableDocument
  // looked at this realm's Object.prototype, and objects of other realms take Object.keys.
  const prototype = Object.getPrototypeOf(value);
  if (!walk.forIn || (prototype !== Object.prototype && prototype !== null)) {
    for (const key of Object.keys(value)) if (!isStorableEntry(key, value[key], depth, prefix, walk)) return false;
    return true;
  }
  for (const key in value) if (!isStorableEntry(key, value[key], depth, prefix, walk)) return false;
  return true;
}

function isStorableEntry(key: string, item: unknown, depth: number, prefix: string | null, walk: Walk): boolean {
  if (!isAllowedKey(key)) return false;
  if (typeof item !== 'object' || item === null) return item === undefined || isStorableValue(item, depth + 1, null, walk);
  let path: string | null = null;
  if (prefix !== null && walk.arrayPaths !== undefined && PATH_SEGMENT.test(key)) {
    if (Array.isArray(item)) walk.arrayPaths.add(prefix + key);
    else path = `${prefix}${key}.`;
  }
  return isStorableValue(item, depth + 1, path, walk);
}

const isAllowedKey = (key: string): boolean =>
  key.length > 0 && key.charCodeAt(0) !== 36 /* $ */ && !key.includes('.') && !key.includes('\0') && key !== '__proto__';

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
