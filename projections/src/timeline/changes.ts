import type { IncidentCore } from '../shared/incident-core';
import type { ChangeValue, FieldChange, TrackedField } from './timeline-entry';

// A record, so adding a field to the core is a compile error until it is listed here.
const FIELD_ORDER: Readonly<Record<TrackedField, true>> = {
  status: true,
  title: true,
  reporter: true,
  category: true,
  subcategories: true,
  priority: true,
  impact: true,
  urgency: true,
  assignee: true,
  team: true,
  resolutionCode: true,
  reopenCount: true,
};

/** The tracked fields, in the order changes are listed. */
export const TRACKED_FIELDS = Object.freeze(Object.keys(FIELD_ORDER) as TrackedField[]);

// Before IncidentLogged every field is empty.
const valueOf = (core: IncidentCore | null, field: TrackedField): ChangeValue => {
  if (core !== null) return core[field];
  if (field === 'subcategories') return [];
  return field === 'reopenCount' ? 0 : null;
};

const same = (a: ChangeValue, b: ChangeValue): boolean =>
  Array.isArray(a) && Array.isArray(b)
    ? a.length === b.length && a.every((value, i) => value === b[i])
    : a === b;

/** The tracked fields that differ between two states, as {field, from, to}. */
export const diffCore = (before: IncidentCore | null, after: IncidentCore): FieldChange[] => {
  const changes: FieldChange[] = [];
  for (const field of TRACKED_FIELDS) {
    const from = valueOf(before, field);
    const to = valueOf(after, field);
    if (!same(from, to)) changes.push({ field, from, to });
  }
  return changes;
};
