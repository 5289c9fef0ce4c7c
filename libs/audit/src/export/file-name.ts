import { type ExportFormat, type ExportScope, isIncidentScope } from './export-types';

/** 2026-03-01T08:00:00.123Z -> 20260301T080000Z: sortable, UTC, and safe in every file system. */
export const compactUtc = (instant: string | Date): string =>
  new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');

/** The download name: what it covers and when it was exported (UTC). */
export const exportFileName = (scope: ExportScope, format: ExportFormat, exportedAt: string): string => {
  const what = isIncidentScope(scope)
    ? `incident-${scope.incidentId.replace(/[^A-Za-z0-9._-]/g, '_')}`
    : `ledger-${compactUtc(scope.from)}-${compactUtc(scope.to)}`;
  return `${what}-exported-${compactUtc(exportedAt)}.${format}`;
};

/** Content-Disposition for an attachment; names are ASCII by construction, quoted anyway. */
export const attachmentDisposition = (fileName: string): string =>
  `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`;
