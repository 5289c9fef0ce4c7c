import type { EvidenceKind, EvidenceStatus } from './vocabulary';

/** One hand-over in an item's chain of custody, as recorded. */
export type CustodyTransfer = Readonly<{ from: string; to: string; purpose: string }>;

/**
 * An item of evidence of one incident, folded from its events. The chain of custody is
 * continuous: the collector holds it first, and each transfer starts at the holder before it.
 */
export type EvidenceItem = Readonly<{
  evidenceId: string;
  description: string;
  kind: EvidenceKind;
  sha256: string;
  sizeBytes: number;
  source: string;
  collectedBy: string;
  collectedAt: string;
  storageLocation: string;
  status: EvidenceStatus;
  /** Who holds it now; once released or disposed, who held it last. */
  holder: string;
  /** Transfers after collection, oldest first. */
  custody: readonly CustodyTransfer[];
  release?: Readonly<{ releasedTo: string; authority: string; reason: string }>;
  disposal?: Readonly<{ method: string; authority: string; reason: string }>;
}>;

/** Evidence items by evidenceId. */
export type EvidenceMap = Readonly<Record<string, EvidenceItem>>;

/** The item with this id, if any. Own properties only, so an id such as 'constructor' is never "found". */
export const findEvidence = (evidence: EvidenceMap, evidenceId: unknown): EvidenceItem | undefined =>
  typeof evidenceId === 'string' && Object.hasOwn(evidence, evidenceId) ? evidence[evidenceId] : undefined;

/** A lower-case hex SHA-256 digest, the only form the ledger records. */
export const SHA256_HEX = /^[0-9a-f]{64}$/;
