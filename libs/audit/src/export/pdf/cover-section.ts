import { type ExportReport } from '../export-report';
import { isIncidentScope } from '../export-types';
import { actorText, utc } from './format';
import type { PdfWriter } from './pdf-writer';

export const REPORT_TITLE = 'Incident Ledger - Compliance Export';

const scopeText = (report: ExportReport): string =>
  isIncidentScope(report.scope)
    ? `Incident ${report.scope.incidentId}`
    : `Incidents with any event recorded from ${utc(report.scope.from)} (inclusive) to ${utc(report.scope.to)} (exclusive)`;

/** The title page: what this export covers, who made it, when and why. */
export const writeCover = (pdf: PdfWriter, report: ExportReport): void => {
  const events = report.incidents.reduce((sum, incident) => sum + incident.snapshot.recorded.length, 0);
  pdf.title(REPORT_TITLE);
  pdf.rows([
    ['Scope', scopeText(report)],
    ['Exported at (UTC)', utc(report.exportedAt)],
    ['Exported by', actorText(report.exportedBy)],
    ['Reason', report.reason ?? '(none given)'],
    ['Incidents', String(report.incidents.length)],
    ['Events', String(events)],
  ]);
  pdf.space();
  pdf.paragraph(
    'All times are UTC, written in ISO 8601 with a trailing Z. "Occurred" is when an action happened ' +
      '(as reported); "Recorded" is when the ledger sealed the event into its hash chain.',
    { italic: true, small: true, grey: true },
  );
  if (report.incidents.length === 0) {
    pdf.space().paragraph('No incident had an event recorded in this period.', { bold: true });
  }
};
