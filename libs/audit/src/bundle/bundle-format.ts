import type { JsonObject, JsonValue } from '@ledger/event-store';
import { sortKeys } from '../verification/canonical-json';

export const BUNDLE_FORMAT = 'incident-ledger/bundle@1';

/** One event in a bundle, as stored; revision and position as decimal text. */
export type BundleEvent = Readonly<{
  stream: string;
  revision: string;
  position: string;
  eventId: string;
  type: string;
  data: JsonObject;
  metadata: JsonObject;
}>;

/** The bundle's signature block: everything else in the bundle is what it signs. */
export type BundleSignature = Readonly<{
  algorithm: 'Ed25519';
  /** SPKI PEM, exactly as the signer publishes it. */
  publicKey: string;
  keyFingerprint: string;
  /** Base64 Ed25519 signature over the RFC 8785 form of the bundle without `signature`. */
  value: string;
}>;

/**
 * What the export assembles (other top-level sections — custody, summary, timeline — are allowed and
 * signed like the rest). `checkpoint` is the latest LedgerCheckpointed event as stored (revision and
 * position as text), or null; `heads` are the exported streams' heads at export time.
 */
export type BundlePayload = Readonly<{
  format: typeof BUNDLE_FORMAT;
  exportedAt: string;
  exportedBy: Readonly<{ id: string; name: string }>;
  scope: JsonObject;
  streams: ReadonlyArray<Readonly<{ stream: string; events: readonly BundleEvent[] }>>;
  checkpoint: BundleEvent | null;
  heads: ReadonlyArray<Readonly<{ stream: string; revision: string; hash: string }>>;
  [section: string]: unknown;
}>;

/**
 * The one text a bundle value has: keys sorted (RFC 8785 order) at every level, two-space indentation,
 * a final newline. verifyBundle refuses any other text, so no character can change unnoticed.
 */
export const serializeBundle = (value: JsonValue): string => `${JSON.stringify(sortKeys(value), null, 2)}\n`;
