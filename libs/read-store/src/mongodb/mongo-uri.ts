/**
 * A MongoDB URI fit for messages and logs: scheme, hosts and database only. Credentials go, and so
 * does the query string, which may carry secrets too (tlsCertificateKeyFilePassword,
 * authMechanismProperties).
 */
export function redactMongoUri(uri: string): string {
  const parts = splitMongoUri(uri);
  if (!parts) return '<unparseable MongoDB URI>';
  return `${parts.scheme}${parts.hosts}${parts.database ? `/${encodeURIComponent(parts.database)}` : ''}`;
}

/** The default database a URI names ('mongodb://host/ledger' → 'ledger'), if any. */
export function databaseFromUri(uri: string): string | undefined {
  return splitMongoUri(uri)?.database;
}

function splitMongoUri(uri: string): { scheme: string; hosts: string; database?: string } | undefined {
  const scheme = /^mongodb(\+srv)?:\/\//i.exec(uri)?.[0];
  if (!scheme) return undefined;
  let rest = uri.slice(scheme.length);
  // Userinfo ends at the last '@': reserved characters must be percent-encoded in it, and cutting
  // too much is better than printing part of a password.
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  const end = rest.search(/[/?#]/);
  const hosts = end < 0 ? rest : rest.slice(0, end);
  let database: string | undefined;
  if (end >= 0 && rest[end] === '/') {
    const path = rest.slice(end + 1).split(/[?#]/)[0];
    try {
      database = decodeURIComponent(path) || undefined;
    } catch {
      database = undefined;
    }
  }
  return { scheme: scheme.toLowerCase(), hosts, database };
}
