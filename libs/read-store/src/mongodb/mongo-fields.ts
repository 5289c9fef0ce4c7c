import type { Scalar } from '../read-store';

/** Documents are stored with `_id` = id (and `id` itself), so filters and sorts on id use `_id`. */
export const mongoField = (field: string): string => (field === 'id' ? '_id' : field);

/**
 * `{ [field]: value }` as an own data property even for '__proto__' (a valid field path), which an
 * object literal with a computed key would turn into a prototype.
 */
export const fieldDocument = <T>(field: string, value: T): Record<string, T> => Object.fromEntries([[mongoField(field), value]]);

/**
 * The value a document holds at a dotted path, as a cursor records it: missing is null. Undefined
 * for arrays and objects, which a keyset cursor cannot express.
 */
export function scalarAt(document: Readonly<Record<string, unknown>>, field: string): Scalar | undefined {
  let value: unknown = document;
  for (const segment of field.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = Object.hasOwn(value, segment) ? (value as Record<string, unknown>)[segment] : undefined;
  }
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return undefined;
}
