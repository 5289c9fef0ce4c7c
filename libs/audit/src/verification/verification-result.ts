import type { ChainBreak } from '@ledger/ledger';
import type { CheckpointProblemKind } from '../checkpoints/checkpoint-chain';

/** Every way the ledger can fail to verify. See docs/audit.md for what each one means. */
export type VerificationBreakKind =
  /** Inside one stream's chain (as @ledger/ledger's verifyStreamChain reports them). */
  | ChainBreak['kind']
  /** $all handed out positions out of order. */
  | 'position-not-increasing'
  /** An event in a stream that is neither incident-* nor ledger-*. */
  | 'foreign-stream'
  /** The store could not decode an event (e.g. its stored JSON was damaged). */
  | 'unreadable-event'
  /** A checkpoint itself is malformed, out of sequence, badly signed or signed by the wrong key. */
  | CheckpointProblemKind
  /** A stream a checkpoint lists has no events at all at the position it covers. */
  | 'stream-missing'
  /** A stream is shorter than a checkpoint says it was. */
  | 'stream-truncated'
  /** A stream's head at the covered position is not the one the checkpoint signed (rewritten or reordered). */
  | 'checkpoint-head-mismatch'
  /** Event or stream count at the covered position differs from the signed one. */
  | 'checkpoint-count-mismatch'
  /** The latest checkpoint's root does not match all stream heads at its position. */
  | 'checkpoint-root-mismatch'
  /** The checkpoint held outside the ledger (the anchor) is missing or differs. */
  | 'anchor-mismatch';

/** The checkpoint a break was found against. */
export type CheckpointRef = Readonly<{ sequence: number; position: bigint; eventPosition: bigint }>;

/** One broken link, as precisely as it can be located. */
export type VerificationBreak = Readonly<{
  kind: VerificationBreakKind;
  /** One sentence for people. */
  message: string;
  stream?: string;
  /** Set when the stream is an incident's. */
  incidentId?: string;
  revision?: bigint;
  position?: bigint;
  /** e.g. the recomputed hash vs the stored one, the signed revision vs the one found. */
  expected?: string;
  found?: string;
  checkpoint?: CheckpointRef;
}>;

/** The latest checkpoint the verification checked. */
export type CheckpointSummary = Readonly<{
  sequence: number;
  /** Covered position. */
  position: bigint;
  eventPosition: bigint;
  eventCount: number;
  streamCount: number;
  root: string;
  signedAt: string;
  keyFingerprint: string;
}>;

/** The outcome of a whole-ledger verification. `ok` is true only when no break was found. */
export type LedgerVerification = Readonly<{
  ok: boolean;
  /** The position verified up to: the head when the verification started. */
  headPosition: bigint;
  events: number;
  streams: number;
  incidents: number;
  /** Checkpoints whose signature and claims were checked. */
  checkpoints: number;
  latestCheckpoint: CheckpointSummary | null;
  /** Events after the latest checkpoint: their loss (truncation) is not detectable from the store alone. */
  eventsAfterLatestCheckpoint: number;
  /** Fingerprints of the keys that signed the checkpoints, in order of first use. */
  keyFingerprints: readonly string[];
  /** The first broken link, when there is one. */
  firstBreak: VerificationBreak | null;
  /** All breaks found, first first (at most `maxBreaks`). */
  breaks: readonly VerificationBreak[];
}>;

/** Pass progress, for a progress bar. */
export type VerificationProgress = Readonly<{ events: number; position: bigint; headPosition: bigint }>;

/** A checkpoint held outside the ledger (from an export, a log, a notary): it must be in the ledger, unchanged. */
export type CheckpointAnchor = Readonly<{ sequence: number; hash: string }>;

export type LedgerVerificationOptions = Readonly<{
  /** Called after every page. */
  onProgress?: (progress: VerificationProgress) => void;
  /** Stop after this many breaks. Default 1: the first broken link. */
  maxBreaks?: number;
  /** When given, every checkpoint must be signed by one of these keys. */
  trustedKeyFingerprints?: readonly string[];
  anchor?: CheckpointAnchor;
}>;
