import type { CustodyChain, CustodyLink } from '../custody-chain';
import type { IncidentReport } from '../incident-report';
import { actorText, utc } from './format';
import type { PdfWriter } from './pdf-writer';

const linkText = (link: CustodyLink): string => {
  switch (link.action) {
    case 'collected':
      return `Collected; held by ${link.to ?? '-'}`;
    case 'transferred':
      return `Transferred from ${link.from ?? '-'} to ${link.to ?? '-'}${link.purpose ? ` - purpose: ${link.purpose}` : ''}`;
    case 'released':
      return `Released by ${link.from ?? '-'} to ${link.to ?? '-'} on the authority of ${link.authority ?? '-'} - reason: ${link.purpose ?? '-'}`;
    case 'disposed':
      return `Disposed of by ${link.from ?? '-'} (${link.method ?? '-'}) on the authority of ${link.authority ?? '-'} - reason: ${link.purpose ?? '-'}`;
  }
};

const writeChain = (pdf: PdfWriter, chain: CustodyChain): void => {
  pdf.ensureSpace(120);
  pdf.paragraph(`Evidence ${chain.evidenceId}: ${chain.description}`, { bold: true });
  pdf.rows(
    [
      ['Kind', chain.kind],
      ['SHA-256', chain.sha256, 'mono'],
      ['Size', `${chain.sizeBytes} bytes`],
      ['Source', chain.source],
      ['Collected by', chain.collectedBy],
      ['Collected at (UTC)', utc(chain.collectedAt)],
      ['Storage location', chain.storageLocation],
      ['Status', chain.status === 'held' ? `held by ${chain.holder}` : chain.status],
    ],
    12,
  );
  chain.links.forEach((link, index) => {
    pdf.ensureSpace(44);
    pdf.paragraph(`${index + 1}. ${linkText(link)}`, { indent: 12 });
    pdf.paragraph(
      `recorded by ${actorText(link.actor)} - occurred ${utc(link.occurredAt)} - recorded ${utc(link.recordedAt)} - revision ${link.revision}`,
      { small: true, grey: true, indent: 24 },
    );
    pdf.mono('hash', link.hash, 24);
  });
  pdf.space(0.5);
};

/** The chain of custody of each evidence item: every hand-over with who, when (both times) and its hash. */
export const writeCustody = (pdf: PdfWriter, report: IncidentReport): void => {
  pdf.subheading('Chain of custody');
  if (report.custody.length === 0) {
    pdf.paragraph('No evidence was registered for this incident.', { italic: true });
    return;
  }
  for (const chain of report.custody) writeChain(pdf, chain);
};
