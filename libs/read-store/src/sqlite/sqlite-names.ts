/**
 * SQLite identifiers for collections and indexes. SQLite compares identifiers case-insensitively
 * while MongoDB collection names are case-sensitive, so names are encoded into lower case
 * reversibly: '_' becomes '__' and an upper-case letter X becomes '_x' ('incidentSummary_v1' is
 * stored as table 'c_incident_summary__v1'). Tables of collections start with 'c_'; the store's own
 * tables start with 'read_store_'.
 */
export class SqliteNames {
  static readonly TABLE_PREFIX = 'c_';

  static table(collection: string): string {
    return SqliteNames.TABLE_PREFIX + encode(collection);
  }

  /** The collection a table holds, or undefined for tables that are not collections. */
  static collectionOf(table: string): string | undefined {
    if (!table.startsWith(SqliteNames.TABLE_PREFIX)) return undefined;
    return decode(table.slice(SqliteNames.TABLE_PREFIX.length));
  }

  /** Index names are global in SQLite: '<table>.<encoded index name>' (quoted wherever used). */
  static index(collection: string, indexName: string): string {
    return `${SqliteNames.table(collection)}.${encode(indexName)}`;
  }

  /** Double-quotes an identifier (the names above never contain quotes; this is belt and braces). */
  static quote(identifier: string): string {
    return `"${identifier.replaceAll('"', '""')}"`;
  }
}

const encode = (name: string): string => name.replace(/[A-Z_]/g, (c) => (c === '_' ? '__' : `_${c.toLowerCase()}`));

function decode(encoded: string): string | undefined {
  let name = '';
  for (let i = 0; i < encoded.length; i++) {
    const c = encoded[i];
    if (c !== '_') {
      if (!/[a-z0-9]/.test(c)) return undefined;
      name += c;
      continue;
    }
    const next = encoded[++i];
    if (next === '_') name += '_';
    else if (next !== undefined && /[a-z]/.test(next)) name += next.toUpperCase();
    else return undefined;
  }
  return name.length > 0 ? name : undefined;
}
