import { buildExportReport } from '../build-export-report';
import { extractPdfText, pdfAttachments, pdfPageCount } from '../testing/pdf-text';
import { EVIDENCE_SHA, lifecycleSteps, sealedStream } from '../testing/sealed-incident';
import { snapshotOf } from '../testing/snapshot';
import { pdfSafe } from './pdf-safe-text';
import { renderExportPdf } from './render-pdf';

const id = '0b8f7c1e-1111-4222-8333-444455556666';
const recorded = sealedStream(id, lifecycleSteps());
const report = (overrides: Partial<Parameters<typeof buildExportReport>[1]> = {}) =>
  buildExportReport([snapshotOf(id, recorded)], {
    scope: { incidentId: id },
    exportedAt: '2026-03-02T10:00:00.000Z',
    exportedBy: { id: 'principal-admin', name: 'admin' },
    reason: 'Audit request AR-7',
    checkpoint: null,
    signingKeyFingerprint: `sha256:${'cd'.repeat(32)}`,
    ...overrides,
  });

describe('renderExportPdf', () => {
  let text: string;
  let pdf: Buffer;
  beforeAll(async () => {
    pdf = await renderExportPdf(report(), { bundle: { fileName: 'bundle.json', text: '{"signed":true}' } });
    text = extractPdfText(pdf);
  });

  it('is a PDF with numbered pages', () => {
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`Page 1 of ${pages}`);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('opens with the incident summary, times in UTC', () => {
    for (const expected of [
      'Incident Ledger - Compliance Export',
      'Exported at (UTC) 2026-03-02T10:00:00.000Z UTC',
      'Reason Audit request AR-7',
      'Title Beaconing to known C2 from WS-042',
      'Status closed',
      'Category malicious-code / c2-server',
      'Priority P2',
      'Assignee alice (team soc-tier2)',
      'Reporter ana',
      'Opened, occurred (UTC) 2026-03-01T08:00:00.000Z UTC',
      'Opened, recorded (UTC) 2026-03-01T08:00:05.000Z UTC',
      'Closed, occurred (UTC) 2026-03-01T08:10:00.000Z UTC',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('lists every event of the timeline with both times, the actor and its hash', () => {
    for (const event of recorded) {
      const metadata = event.metadata as Record<string, any>;
      expect(text).toContain(`#${event.revision} `);
      expect(text).toContain(`${event.type} - by ana (principal-ana) - occurred ${metadata.occurredAt} UTC - recorded ${metadata.recordedAt} UTC`);
      expect(text).toContain(metadata.hash);
    }
    expect(text).toContain('Assigned to alice (soc-tier2)');
    expect(text).toContain('status: triaged -> assigned');
  });

  it('shows the chain of custody of each evidence item', () => {
    expect(text).toContain('Evidence EV-1: Disk image of WS-042');
    expect(text).toContain(`SHA-256 ${EVIDENCE_SHA}`);
    expect(text).toContain('1. Collected; held by alice');
    expect(text).toContain('2. Transferred from alice to bob - purpose: forensic analysis');
    expect(text).toContain('3. Transferred from bob to carol - purpose: legal hold');
    expect(text).toContain('Status held by carol');
  });

  it('ends with the verification statement: head hash, count, result, checkpoint and key', () => {
    const head = recorded.at(-1)!.metadata as Record<string, any>;
    expect(text).toContain('Verification statement');
    expect(text).toContain(`Head hash ${head.hash}`);
    expect(text).toContain(`Events ${recorded.length}`);
    expect(text).toContain(`VERIFIED: intact from genesis (${recorded.length} events)`);
    expect(text).toContain('No signed checkpoint had been written');
    expect(text).toContain(`Signing key fingerprint sha256:${'cd'.repeat(32)}`);
  });

  it('attaches the signed bundle', () => {
    expect(pdfAttachments(pdf).get('bundle.json')?.toString()).toBe('{"signed":true}');
  });

  it('says FAILED, with where, when a chain does not verify', async () => {
    const tampered = recorded.map((event, index) =>
      index === 3 ? { ...event, data: { ...event.data, assignee: 'mallory' } } : event,
    );
    const broken = buildExportReport([snapshotOf(id, tampered)], {
      scope: { incidentId: id },
      exportedAt: '2026-03-02T10:00:00.000Z',
      exportedBy: { id: 'principal-admin', name: 'admin' },
      checkpoint: null,
      signingKeyFingerprint: null,
    });
    const failed = extractPdfText(await renderExportPdf(broken));
    // pdfkit may break a line after the hyphen of "hash-mismatch".
    expect(failed).toMatch(new RegExp(`FAILED: BROKEN at incident-${id} revision 3: hash- ?mismatch`));
    expect(failed).toContain('1 of 1 stream(s) FAILED verification');
  });

  it('writes long text wrapped, and characters the standard fonts lack as readable stand-ins', async () => {
    const long = `${'A very long description. '.repeat(60)}Ende: Zürich → Łódź`;
    const steps = lifecycleSteps();
    steps[0] = { ...steps[0]!, data: { ...steps[0]!.data, description: long } };
    const pdfText = extractPdfText(
      await renderExportPdf(
        buildExportReport([snapshotOf(id, sealedStream(id, steps))], {
          scope: { incidentId: id },
          exportedAt: '2026-03-02T10:00:00.000Z',
          exportedBy: { id: 'principal-admin', name: 'admin' },
          checkpoint: null,
          signingKeyFingerprint: null,
        }),
      ),
    );
    // Latin-1 stays, arrows are spelled out, a letter WinAnsi lacks and that has no base letter becomes '?'.
    expect(pdfText).toContain('Ende: Zürich -> ?ódz');
    expect(pdfSafe('a\tb\u0007c')).toBe('a bc');
  });
});
