import type { Actor } from '@ledger/domain';

/** The formats an export is produced in. */
export const EXPORT_FORMATS = ['json', 'csv', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (value: unknown): value is ExportFormat =>
  typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);

/** One incident, or every incident with an event recorded in [from, to). Instants are ISO 8601 UTC. */
export type ExportScope = Readonly<{ incidentId: string }> | Readonly<{ from: string; to: string }>;

export const isIncidentScope = (scope: ExportScope): scope is Readonly<{ incidentId: string }> =>
  'incidentId' in scope;

/** Who asks for an export, and why; recorded as an access record before the file is produced. */
export type ExportRequest = Readonly<{
  scope: ExportScope;
  format: ExportFormat;
  actor: Actor;
  /** Free text the requester gives (a case number, an audit request); kept in the access record. */
  reason?: string;
  /** Ties the access record to the request that caused it. */
  correlationId: string;
}>;

/** A finished export, ready to be sent or written. */
export type ExportFile = Readonly<{
  format: ExportFormat;
  /** e.g. incident-<id>-20260301T080000Z.pdf */
  fileName: string;
  contentType: string;
  body: Buffer;
  /** The incidents the file covers, in the order it lists them. */
  incidentIds: readonly string[];
}>;

export const CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8; header=present',
  pdf: 'application/pdf',
};
