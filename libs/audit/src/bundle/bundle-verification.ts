import type { ChainBreak } from '@ledger/ledger';

/** Why a bundle does not verify, in the order the checks run. */
export type BundleFailureKind =
  /** Not JSON, or not an object. */
  | 'malformed'
  /** The text is not the bundle's deterministic serialization (any edit, even whitespace). */
  | 'not-canonical'
  | 'unsupported-format'
  /** The signature block is missing, has unknown fields, or its key is not canonical Ed25519 SPKI PEM. */
  | 'signature-invalid-form'
  /** The embedded key is not the expected one, or its fingerprint is misstated. */
  | 'key-mismatch'
  | 'signature-invalid'
  /** `streams` is not a list of {stream, events}, an event lacks a field, or a stream appears twice. */
  | 'streams-invalid'
  /** A stream's hash chain does not recompute from genesis (the same kinds as the ledger's chain check). */
  | ChainBreak['kind']
  /** `heads` do not name exactly the last event of each exported stream. */
  | 'head-mismatch'
  /** The embedded checkpoint is malformed, its chain hash or signature does not verify, or another key signed it. */
  | 'checkpoint-invalid'
  | 'checkpoint-signature-invalid'
  | 'checkpoint-key-mismatch'
  /** An exported stream disagrees with the head the embedded checkpoint signed for it. */
  | 'checkpoint-head-mismatch';

export type BundleFailure = Readonly<{
  kind: BundleFailureKind;
  message: string;
  stream?: string;
  revision?: string;
  position?: string;
  expected?: string;
  found?: string;
  /** For 'not-canonical': where the text first differs (0-based offset; 1-based line and column). */
  offset?: number;
  line?: number;
  column?: number;
}>;

/** What a verified bundle holds. */
export type BundleDetails = Readonly<{
  keyFingerprint: string;
  exportedAt: unknown;
  streams: number;
  events: number;
  checkpoint: Readonly<{ sequence: number; position: string; signedAt: string }> | null;
}>;

export type BundleVerification =
  | (Readonly<{ ok: true }> & BundleDetails)
  | Readonly<{ ok: false; failure: BundleFailure; keyFingerprint?: string }>;

export type VerifyBundleOptions = Readonly<{
  /** 'sha256:…': the bundle must be signed by this key (compare with the fingerprint published out of band). */
  expectedKeyFingerprint?: string;
}>;
