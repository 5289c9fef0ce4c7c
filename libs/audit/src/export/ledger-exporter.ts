import { type EventStore } from '@ledger/event-store';
import { LedgerEventCodec } from '@ledger/ledger';
import { signBundle } from '../bundle/sign-bundle';
import type { LedgerSigner } from '../signing/ed25519-signer';
import { buildExportReport } from './build-export-report';
import { checkpointCoverage } from './checkpoint-coverage';
import { readCheckpointFacts } from './checkpoint-facts';
import { renderEventsCsv } from './csv/events-csv';
import { ExportSubjectNotFoundError, InvalidExportRequestError } from './export-errors';
import type { ExportAccessEntry, ExportAccessLog } from './export-ports';
import type { CoverageFacts, ExportReport } from './export-report';
import { CONTENT_TYPES, type ExportFile, type ExportRequest, isIncidentScope } from './export-types';
import { exportFileName } from './file-name';
import { findIncidentsRecordedIn, type ScanProgress } from './incidents-in-range';
import { buildBundlePayload } from './json/bundle-payload';
import { renderExportPdf } from './pdf/render-pdf';
import { type IncidentStreamSnapshot, readIncidentStream } from './stream-snapshot';

export type LedgerExporterDeps = Readonly<{
  store: EventStore;
  /** The ledger's AccessRecorder. */
  access: ExportAccessLog;
  /** The ledger's signing key; null when none is available: JSON bundles are then refused and the PDF says so. */
  signer: LedgerSigner | null;
  /** Checkpoints must be signed by one of these keys to count as coverage (default: any valid signature). */
  trustedKeyFingerprints?: readonly string[];
  clock?: () => Date;
  codec?: LedgerEventCodec;
}>;

export type ExportRunOptions = Readonly<{
  /** Reports the scan of the ledger for a date-range export. */
  onScanProgress?: (progress: ScanProgress) => void;
  /** Reports each incident stream read. */
  onStreamRead?: (done: number, total: number) => void;
  /** Deflate PDF content (default true); tests may turn it off. */
  compressPdf?: boolean;
}>;

const parseInstant = (value: string, field: string): Date => {
  const date = new Date(value);
  if (!/(Z|[+-]\d{2}:\d{2})$/.test(value) || Number.isNaN(date.getTime())) {
    throw new InvalidExportRequestError(`${field} must be an ISO 8601 instant with a time zone; got '${value}'`, field);
  }
  return date;
};

/**
 * Produces exports (signed JSON bundle, CSV, PDF) of one incident or of every incident active in a
 * period, from the event store as it is at export time. The API and the CLI both use this, so they
 * produce the same files. Every export is recorded in the access log before it is handed out; if
 * recording fails, nothing is handed out.
 */
export class LedgerExporter {
  private readonly codec: LedgerEventCodec;

  constructor(private readonly deps: LedgerExporterDeps) {
    this.codec = deps.codec ?? new LedgerEventCodec();
  }

  /** Fingerprint of the key bundles are signed with, if any. */
  get keyFingerprint(): string | null {
    return this.deps.signer?.fingerprint ?? null;
  }

  async export(request: ExportRequest, options: ExportRunOptions = {}): Promise<ExportFile> {
    if (request.format === 'json' && this.deps.signer === null) {
      throw new InvalidExportRequestError('JSON bundles are signed, and no signing key is configured', 'format');
    }
    const exportedAt = (this.deps.clock?.() ?? new Date()).toISOString();
    const snapshots = await this.readSnapshots(request, options);
    const coverage = new Map<string, CoverageFacts>();
    for (const { stream } of snapshots) {
      coverage.set(stream, await checkpointCoverage(this.deps.store, stream, { trustedKeyFingerprints: this.deps.trustedKeyFingerprints }));
    }
    const report = buildExportReport(snapshots, {
      scope: request.scope,
      exportedAt,
      exportedBy: request.actor,
      ...(request.reason !== undefined && { reason: request.reason }),
      checkpoint: await readCheckpointFacts(this.deps.store),
      coverage,
      signingKeyFingerprint: this.keyFingerprint,
    });
    const fileName = exportFileName(request.scope, request.format, exportedAt);
    const body = await this.render(report, request, fileName, options);
    await this.recordAccess(request, snapshots);
    return {
      format: request.format,
      fileName,
      contentType: CONTENT_TYPES[request.format],
      body,
      incidentIds: snapshots.map((snapshot) => snapshot.incidentId),
    };
  }

  /**
   * One record in the exported incident's access trail; a date-range export also leaves one in each
   * included incident's trail (so "who saw incident X" has one answer) and one ledger-wide record.
   */
  private async recordAccess(request: ExportRequest, snapshots: readonly IncidentStreamSnapshot[]): Promise<void> {
    const common = {
      actor: request.actor,
      ...(request.reason !== undefined && { reason: request.reason }),
      format: request.format,
      correlationId: request.correlationId,
    };
    const { scope } = request;
    if (isIncidentScope(scope)) {
      await this.deps.access.record({ ...common, incidentId: scope.incidentId, action: 'incident.export', subject: { kind: 'incident', id: scope.incidentId } });
      return;
    }
    const entries: ExportAccessEntry[] = [
      { ...common, action: 'ledger.export', subject: { kind: 'ledger', id: `${scope.from}/${scope.to}` } },
      ...snapshots.map((snapshot): ExportAccessEntry => ({
        ...common,
        incidentId: snapshot.incidentId,
        action: 'ledger.export',
        subject: { kind: 'incident', id: snapshot.incidentId },
      })),
    ];
    // Different streams: let the store group-commit them.
    await Promise.all(entries.map((entry) => this.deps.access.record(entry)));
  }

  private async readSnapshots(request: ExportRequest, options: ExportRunOptions): Promise<IncidentStreamSnapshot[]> {
    const { scope } = request;
    if (isIncidentScope(scope)) {
      const snapshot = await readIncidentStream(this.deps.store, scope.incidentId, this.codec);
      if (snapshot === null) throw new ExportSubjectNotFoundError(scope.incidentId);
      return [snapshot];
    }
    const from = parseInstant(scope.from, 'from');
    const to = parseInstant(scope.to, 'to');
    if (from.getTime() >= to.getTime()) throw new InvalidExportRequestError('from must be before to', 'to');
    const ids = await findIncidentsRecordedIn(this.deps.store, from, to, { onProgress: options.onScanProgress });
    const snapshots: IncidentStreamSnapshot[] = [];
    for (const id of ids) {
      const snapshot = await readIncidentStream(this.deps.store, id, this.codec);
      if (snapshot !== null) snapshots.push(snapshot);
      options.onStreamRead?.(snapshots.length, ids.length);
    }
    return snapshots;
  }

  private async render(report: ExportReport, request: ExportRequest, fileName: string, options: ExportRunOptions): Promise<Buffer> {
    const signer = this.deps.signer;
    switch (request.format) {
      case 'json':
        return Buffer.from(signBundle(buildBundlePayload(report), signer!), 'utf8');
      case 'csv':
        return Buffer.from(renderEventsCsv(report.incidents), 'utf8');
      case 'pdf': {
        const bundle = signer === null ? undefined : { fileName: fileName.replace(/\.pdf$/, '.json'), text: signBundle(buildBundlePayload(report), signer) };
        return renderExportPdf(report, { bundle, compress: options.compressPdf });
      }
    }
  }
}
