import type { Actor } from '@ledger/domain';
import type { RecordedEvent } from '@ledger/event-store';
import type { ChainVerification } from '@ledger/ledger';
import type { ExportScope } from './export-types';
import type { IncidentReport } from './incident-report';

/** The latest signed checkpoint, as the export states it. */
export type CheckpointFacts = Readonly<{
  /** The LedgerCheckpointed event exactly as stored. */
  event: RecordedEvent;
  sequence: string | null;
  /** The global position the checkpoint covers up to. */
  position: string | null;
  recordedAt: string;
  keyFingerprint: string | null;
}>;

/** The newest signed checkpoint that lists a stream, and whether the stream still matches it. */
export type CoverageFacts = Readonly<{
  /** Null when no checkpoint lists the stream yet. */
  checkpoint: Readonly<{ sequence: number; position: string; signedAt: string; keyFingerprint: string }> | null;
  /** The stream's head as that checkpoint signed it. */
  signedRevision: string | null;
  signedHash: string | null;
  /** Events after the signed head: their loss would not be detectable from the stream alone. */
  eventsAfter: number;
  ok: boolean;
  /** What does not match, when not ok. */
  problem?: string;
}>;

/** One stream's chain as verified at export time. */
export type StreamVerificationFacts = Readonly<{
  stream: string;
  events: number;
  headRevision: string;
  headHash: string;
  ok: boolean;
  /** What broke and where, when not ok. */
  problem?: string;
  /** Null when the checkpoints were not consulted. */
  coverage: CoverageFacts | null;
}>;

/** Everything one export contains, before it is rendered as JSON, CSV or PDF. */
export type ExportReport = Readonly<{
  scope: ExportScope;
  exportedAt: string;
  exportedBy: Actor;
  reason?: string;
  incidents: readonly IncidentReport[];
  checkpoint: CheckpointFacts | null;
  /** Per stream: the newest checkpoint that lists it (see CoverageFacts). */
  coverage: ReadonlyMap<string, CoverageFacts>;
  /** The key the JSON bundle is signed with (also named in the PDF). */
  signingKeyFingerprint: string | null;
}>;

/** A human sentence for a chain break: what was expected where. */
export const describeChainResult = (verification: ChainVerification): string => {
  if (verification.ok) return `intact from genesis (${verification.events} events)`;
  const { kind, revision, expected, found } = verification.break;
  return `BROKEN at ${verification.stream} revision ${revision}: ${kind} (expected ${expected}, found ${found})`;
};

export const streamVerificationFacts = (report: IncidentReport, coverage: CoverageFacts | null = null): StreamVerificationFacts => {
  const { snapshot } = report;
  const head = snapshot.recorded[snapshot.recorded.length - 1]!;
  const { verification } = snapshot;
  return {
    stream: snapshot.stream,
    events: snapshot.recorded.length,
    headRevision: head.revision.toString(),
    headHash: String((head.metadata as { hash?: unknown }).hash ?? ''),
    ok: verification.ok,
    ...(!verification.ok && { problem: describeChainResult(verification) }),
    coverage,
  };
};
