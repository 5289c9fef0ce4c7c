/**
 * How SQL reads one field: its value (json_extract: JSON strings as TEXT, numbers as INTEGER/REAL,
 * true/false as 1/0, null or missing as NULL, objects and arrays as JSON TEXT) and its JSON type
 * (json_type: 'text', 'integer', 'real', 'true', 'false', 'null', 'object', 'array'; NULL if missing).
 */
export type Operand = Readonly<{ value: string; type: string; element: boolean }>;

/** The JSON path of a field; field paths are validated (FIELD_PATH) before they get here. */
export const jsonPath = (field: string): string => `$.${field}`;

/**
 * `json_extract(doc, '$.field')` with the path as a literal: the planner matches this text against
 * the expression indexes, so queries and CREATE INDEX must produce it identically.
 */
export const extract = (field: string, table = 't'): string =>
  field === 'id' ? (table ? `${table}.id` : 'id') : `json_extract(${table ? `${table}.` : ''}doc, '${jsonPath(field)}')`;

export function fieldOperand(field: string): Operand {
  if (field === 'id') return { value: 't.id', type: "'text'", element: false };
  return { value: extract(field), type: `json_type(t.doc, '${jsonPath(field)}')`, element: false };
}

/** One element of an array field, as a row of json_each aliased `e`. */
export const ELEMENT: Operand = { value: 'e.value', type: 'e.type', element: true };
