import { type CoverageFacts, type ExportReport, streamVerificationFacts } from '../export-report';
import { utc } from './format';
import type { PdfWriter, Row } from './pdf-writer';

const coverageRows = (coverage: CoverageFacts): Row[] => {
  if (coverage.checkpoint === null) {
    return [['Signed checkpoint', coverage.ok ? 'not yet listed in any signed checkpoint' : `FAILED: ${coverage.problem}`]];
  }
  const { sequence, position, signedAt } = coverage.checkpoint;
  const later = coverage.eventsAfter === 0 ? 'no later events' : `${coverage.eventsAfter} later event(s) not yet under a checkpoint`;
  return [
    ['Signed checkpoint', `#${sequence} (position ${position}, signed ${utc(signedAt)}) lists revision ${coverage.signedRevision}; ${later}`],
    ['Signed head hash', coverage.signedHash ?? '-', 'mono'],
    ['Against checkpoint', coverage.ok ? 'VERIFIED: the stream holds the signed head' : `FAILED: ${coverage.problem}`],
  ];
};

/** What was verified at export time, and what a reader needs to verify it again. */
export const writeVerification = (pdf: PdfWriter, report: ExportReport, bundleAttached: string | null): void => {
  pdf.heading('Verification statement');
  pdf.paragraph(
    `At ${utc(report.exportedAt)} the ledger re-read each stream below from its first event, recomputed ` +
      'every event hash (SHA-256 over the RFC 8785 canonical JSON of the event as stored, including the ' +
      "previous event's hash) and checked that the events chain without gaps.",
  );
  pdf.space(0.5);
  const facts = report.incidents.map((incident) => streamVerificationFacts(incident, report.coverage.get(incident.snapshot.stream) ?? null));
  for (const stream of facts) {
    pdf.ensureSpace(70);
    pdf.rows([
      ['Stream', stream.stream],
      ['Events', String(stream.events)],
      ['Head revision', stream.headRevision],
      ['Head hash', stream.headHash, 'mono'],
      ['Chain at export', stream.ok ? `VERIFIED: intact from genesis (${stream.events} events)` : `FAILED: ${stream.problem}`],
      ...(stream.coverage === null ? [] : coverageRows(stream.coverage)),
    ]);
    pdf.space(0.4);
  }
  const failed = facts.filter((stream) => !stream.ok || stream.coverage?.ok === false).length;
  pdf.paragraph(
    failed === 0
      ? `Result: all ${facts.length} stream(s) verified.`
      : `Result: ${failed} of ${facts.length} stream(s) FAILED verification; treat their content as altered.`,
    { bold: true },
  );
  pdf.subheading('Signed checkpoint');
  const checkpoint = report.checkpoint;
  if (checkpoint === null) {
    pdf.paragraph('No signed checkpoint had been written when this export was made.', { italic: true });
  } else {
    pdf.rows([
      ['Sequence', checkpoint.sequence ?? '-'],
      ['Covers positions up to', checkpoint.position ?? '-'],
      ['Signed at (UTC)', utc(checkpoint.recordedAt)],
      ['Signed with key', checkpoint.keyFingerprint ?? '-', 'mono'],
      ['Checkpoint event hash', String((checkpoint.event.metadata as { hash?: unknown }).hash ?? '-'), 'mono'],
    ]);
  }
  pdf.subheading('Signature');
  pdf.rows([['Signing key fingerprint', report.signingKeyFingerprint ?? '(no signing key configured)', 'mono']]);
  if (bundleAttached !== null) {
    pdf.space(0.3).paragraph(
      `The signed JSON bundle of this same export is attached to this PDF as ${bundleAttached}. It holds every ` +
        'event exactly as stored, the checkpoint and the public key, and can be verified offline: ' +
        `ledger verify ${bundleAttached} --key <fingerprint>.`,
      { small: true },
    );
  }
};
