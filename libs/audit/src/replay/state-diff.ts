import canonicalize from 'canonicalize';
import type { JsonValue } from '@ledger/event-store';
import type { StateChange } from './replay-types';

type Leaves = Map<string, JsonValue>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isScalar = (value: unknown): boolean => value === null || typeof value !== 'object';

/** JSON form of a value: undefined becomes null, so "unset" and "cleared" read the same. */
const toJson = (value: unknown): JsonValue => (value === undefined ? null : (JSON.parse(JSON.stringify(value)) as JsonValue));

/**
 * Flattens a state into comparable leaves. Objects recurse into dotted paths; arrays of scalars are one
 * leaf (subcategories changed as a whole); arrays of objects get one leaf per item (`notes[3]`), so
 * appending a note is one change instead of a rewrite of the whole list.
 */
const flatten = (value: unknown, path: string, out: Leaves): Leaves => {
  if (value === undefined) return out;
  if (isPlainObject(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, path === '' ? key : `${path}.${key}`, out);
  } else if (Array.isArray(value) && !value.every(isScalar)) {
    value.forEach((item, index) => out.set(`${path}[${index}]`, toJson(item)));
  } else {
    out.set(path, toJson(value));
  }
  return out;
};

// Canonical form, so key order (which spreads in evolve may change) never reads as a change.
// An empty list cannot tell whether it holds objects; when the other side lists its items one by one
// (`notes[0]`), the empty list is the same field and must not read as a second change.
const dropEmptyListsExpandedElsewhere = (leaves: Leaves, other: Leaves): void => {
  for (const [field, value] of leaves) {
    const expanded = [...other.keys()].some((key) => key.startsWith(`${field}[`));
    if (Array.isArray(value) && value.length === 0 && expanded) leaves.delete(field);
  }
};

const sameJson = (a: JsonValue, b: JsonValue): boolean => canonicalize(a) === canonicalize(b);

// The order IncidentState declares its fields in, so changes read top-down like the state. A field
// not listed (added to the domain later) still shows, after these.
const FIELD_ORDER = [
  'status',
  'incidentId',
  'title',
  'description',
  'source',
  'reporter',
  'occurredAt',
  'detectedAt',
  'category',
  'subcategories',
  'taxonomyVersion',
  'priority',
  'assignee',
  'team',
  'contained',
  'resolution',
  'review',
  'rejectionReason',
  'reopenCount',
  'notes',
];

const rank = (field: string): number => {
  const top = /^[^.[]+/.exec(field)?.[0] ?? field;
  const index = FIELD_ORDER.indexOf(top);
  return index === -1 ? FIELD_ORDER.length : index;
};

/**
 * The fields that differ between two states, as { field, from, to }, in the order the domain state
 * declares them (nested fields in their own order), so the output is stable for a given history.
 */
export const diffState = (before: unknown, after: unknown): StateChange[] => {
  const from = flatten(before, '', new Map());
  const to = flatten(after, '', new Map());
  dropEmptyListsExpandedElsewhere(from, to);
  dropEmptyListsExpandedElsewhere(to, from);
  const seen = [...to.keys(), ...[...from.keys()].filter((field) => !to.has(field))];
  // Array.prototype.sort is stable: fields of equal rank keep the order they were seen in.
  const fields = seen.sort((a, b) => rank(a) - rank(b));
  return fields.flatMap((field) => {
    const old = from.get(field) ?? null;
    const now = to.get(field) ?? null;
    return sameJson(old, now) ? [] : [{ field, from: old, to: now }];
  });
};
