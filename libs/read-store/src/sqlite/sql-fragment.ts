/** A piece of SQL with its positional parameters, composed without string-pasting values. */
export type SqlFragment = Readonly<{ sql: string; params: readonly SqlValue[] }>;

export type SqlValue = string | number | null;

export const TRUE: SqlFragment = { sql: '1', params: [] };
export const FALSE: SqlFragment = { sql: '0', params: [] };

export const sql = (text: string, ...params: SqlValue[]): SqlFragment => ({ sql: text, params });

export function and(...parts: SqlFragment[]): SqlFragment {
  const kept = parts.filter((part) => part !== TRUE);
  if (kept.some((part) => part === FALSE)) return FALSE;
  if (kept.length === 0) return TRUE;
  if (kept.length === 1) return kept[0];
  return join(kept, ' AND ');
}

export function or(...parts: SqlFragment[]): SqlFragment {
  const kept = parts.filter((part) => part !== FALSE);
  if (kept.some((part) => part === TRUE)) return TRUE;
  if (kept.length === 0) return FALSE;
  if (kept.length === 1) return kept[0];
  return join(kept, ' OR ');
}

export const not = (part: SqlFragment): SqlFragment => ({ sql: `NOT ifnull(${part.sql}, 0)`, params: part.params });

function join(parts: SqlFragment[], separator: string): SqlFragment {
  return {
    sql: `(${parts.map((part) => `(${part.sql})`).join(separator)})`,
    params: parts.flatMap((part) => part.params),
  };
}
