import type { ExportReport } from '../export-report';
import { REPORT_TITLE, writeCover } from './cover-section';
import { writeCustody } from './custody-section';
import { utc } from './format';
import { writeOverview, writeTimeline } from './incident-section';
import { PdfWriter } from './pdf-writer';
import { writeVerification } from './verification-section';

export type PdfRenderOptions = Readonly<{
  /** The signed bundle of the same export, attached so the PDF can be verified offline too. */
  bundle?: Readonly<{ fileName: string; text: string }>;
  /** Deflate page content (default true); tests may turn it off. */
  compress?: boolean;
}>;

/** The readable report: title page, then per incident its summary, timeline and custody; then the verification statement. */
export const renderExportPdf = async (report: ExportReport, options: PdfRenderOptions = {}): Promise<Buffer> => {
  const pdf = new PdfWriter({
    title: REPORT_TITLE,
    subject: report.incidents.map((incident) => incident.overview.incidentId).join(', ') || 'no incidents',
    compress: options.compress,
  });
  writeCover(pdf, report);
  report.incidents.forEach((incident, index) => {
    // A single incident's summary fits under the cover; several start a page each.
    if (report.incidents.length > 1 || index > 0) pdf.newPage();
    writeOverview(pdf, incident);
    writeTimeline(pdf, incident);
    writeCustody(pdf, incident);
  });
  pdf.newPage();
  writeVerification(pdf, report, options.bundle?.fileName ?? null);
  if (options.bundle) {
    pdf.attach(Buffer.from(options.bundle.text, 'utf8'), options.bundle.fileName, 'Signed JSON bundle of this export');
  }
  return pdf.finish(`${REPORT_TITLE} - exported ${utc(report.exportedAt)}`);
};
