import type { Actor } from '@ledger/domain';
import type { CheckpointFacts, CoverageFacts, ExportReport } from './export-report';
import type { ExportScope } from './export-types';
import { buildIncidentReport } from './incident-report';
import type { IncidentStreamSnapshot } from './stream-snapshot';

export type ExportContext = Readonly<{
  scope: ExportScope;
  exportedAt: string;
  exportedBy: Actor;
  reason?: string;
  checkpoint: CheckpointFacts | null;
  coverage?: ReadonlyMap<string, CoverageFacts>;
  signingKeyFingerprint: string | null;
}>;

/** The export's content, from the streams read at export time. Pure. */
export const buildExportReport = (snapshots: readonly IncidentStreamSnapshot[], context: ExportContext): ExportReport => ({
  scope: context.scope,
  exportedAt: context.exportedAt,
  exportedBy: context.exportedBy,
  ...(context.reason !== undefined && { reason: context.reason }),
  incidents: snapshots.map(buildIncidentReport),
  checkpoint: context.checkpoint,
  coverage: context.coverage ?? new Map(),
  signingKeyFingerprint: context.signingKeyFingerprint,
});
