/** Stream naming. Every stream the ledger writes starts with one of these prefixes. */
export const INCIDENT_STREAM_PREFIX = 'incident-';
export const LEDGER_STREAM_PREFIXES = ['incident-', 'ledger-'] as const;

export const incidentStream = (incidentId: string): string => `${INCIDENT_STREAM_PREFIX}${incidentId}`;

export const isLedgerStream = (stream: string): boolean =>
  LEDGER_STREAM_PREFIXES.some((prefix) => stream.startsWith(prefix));
