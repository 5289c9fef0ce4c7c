/**
 * What an EventStoreDB connection string says, for log and error messages: never its credentials.
 * The client parses the string itself; this is only a best-effort reading for humans.
 */
export type EsdbConnectionSummary = Readonly<{
  /** The string with `user:password@` replaced by `***:***@`. */
  redacted: string;
  discover: boolean;
  hosts: readonly string[];
  hasCredentials: boolean;
  /** Query options (tls, tlsCAFile, tlsVerifyCert, nodePreference, …) as written. */
  options: Readonly<Record<string, string>>;
  /** One line: how the client will try to reach the server. */
  approach: string;
}>;

/** user:password@ right after the scheme (a password cannot contain '@'; '/' and '?' it can). */
const CREDENTIALS = /(esdb(?:\+discover)?:\/\/)[^@\s]*@/gi;
const HAS_CREDENTIALS = /esdb(?:\+discover)?:\/\/[^@\s]*@/i;

/** Removes credentials from a connection string, or from any text that may quote one. */
export const redactConnectionString = (text: string): string => text.replace(CREDENTIALS, '$1***:***@');

/** Removes a connection string's credentials from a message (errors from the client may quote it whole). */
export const redactSecrets = (message: string, connectionString: string): string => {
  const redacted = redactConnectionString(connectionString);
  return redactConnectionString(message.split(connectionString).join(redacted));
};

export const describeEsdbConnectionString = (connectionString: string): EsdbConnectionSummary => {
  const trimmed = connectionString.trim();
  const redacted = redactConnectionString(trimmed);
  const match = /^(esdb|esdb\+discover):\/\/(?:([^@\s]*)@)?([^?/]*)\/?(?:\?(.*))?$/i.exec(trimmed);
  if (!match) {
    return {
      redacted,
      discover: false,
      hosts: [],
      hasCredentials: HAS_CREDENTIALS.test(trimmed),
      options: {},
      approach: 'unparseable connection string',
    };
  }
  const [, scheme, credentials, hostList, query] = match;
  const hosts = hostList
    .split(',')
    .map((host) => host.trim())
    .filter((host) => host !== '')
    .map((host) => (host.includes(':') ? host : `${host}:2113`));
  const options: Record<string, string> = {};
  for (const pair of (query ?? '').split('&')) {
    const [key, ...value] = pair.split('=');
    if (key) options[key] = value.join('=');
  }
  const discover = scheme.toLowerCase() === 'esdb+discover';
  const option = (name: string): string | undefined =>
    Object.entries(options).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];
  const tls = option('tls')?.toLowerCase() === 'false' ? 'tls off' : 'tls on';
  const preference = `nodePreference=${option('nodePreference') ?? 'leader'}`;
  const approach = discover
    ? `discovery through gossip at ${hosts.join(', ')} (${preference}, ${tls})`
    : hosts.length > 1
      ? `gossip over seeds ${hosts.join(', ')} (${preference}, ${tls})`
      : `single node ${hosts[0] ?? '?'} (${tls})`;
  return { redacted, discover, hosts, hasCredentials: credentials !== undefined, options, approach };
};
