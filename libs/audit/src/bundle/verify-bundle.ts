import type { JsonObject, JsonValue } from '@ledger/event-store';
import { parsePublicKey, verifyEd25519 } from '../signing/ed25519-signer';
import { canonicalJson } from '../verification/canonical-json';
import { BUNDLE_FORMAT, serializeBundle } from './bundle-format';
import { checkCheckpoint, checkHeads, checkStreams } from './bundle-streams';
import type { BundleFailure, BundleVerification, VerifyBundleOptions } from './bundle-verification';

const SIGNATURE_FIELDS = ['algorithm', 'keyFingerprint', 'publicKey', 'value'];

const fail = (failure: BundleFailure, keyFingerprint?: string): BundleVerification => ({
  ok: false,
  failure,
  ...(keyFingerprint === undefined ? {} : { keyFingerprint }),
});

/** Where two texts first differ, for a 'not-canonical' report. */
const firstDifference = (text: string, canonical: string): Pick<BundleFailure, 'offset' | 'line' | 'column'> => {
  let offset = 0;
  while (offset < text.length && text[offset] === canonical[offset]) offset++;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { offset, line, column: offset - before.lastIndexOf('\n') };
};

/**
 * Verifies a bundle offline (no server, no data directory), in this order:
 * (a) the text is exactly its own deterministic serialization, so any edited character fails;
 * (b) the signature verifies with the embedded key, whose fingerprint is as stated (and as expected, when
 *     the caller says which key to expect);
 * (c) every exported stream's hash chain recomputes from genesis;
 * (d) `heads` name each stream's last event;
 * (e) the embedded checkpoint (if any) hashes and verifies with the same key and agrees with the streams.
 * Returns the first failure, precisely, or what the bundle holds.
 */
export const verifyBundle = (text: string, options: VerifyBundleOptions = {}): BundleVerification => {
  let parsed: JsonValue;
  try {
    parsed = JSON.parse(text) as JsonValue;
  } catch (error) {
    return fail({ kind: 'malformed', message: `Not JSON: ${(error as Error).message}` });
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return fail({ kind: 'malformed', message: 'A bundle is a JSON object' });
  }
  const canonical = serializeBundle(parsed);
  if (canonical !== text) {
    return fail({ kind: 'not-canonical', message: 'The text differs from the bundle as it was written (edited?)', ...firstDifference(text, canonical) });
  }
  if (parsed.format !== BUNDLE_FORMAT) {
    return fail({ kind: 'unsupported-format', message: `Unsupported format ${JSON.stringify(parsed.format)}`, expected: BUNDLE_FORMAT });
  }

  const { signature, ...body } = parsed;
  if (signature === null || typeof signature !== 'object' || Array.isArray(signature)) {
    return fail({ kind: 'signature-invalid-form', message: 'The bundle has no signature block' });
  }
  // The block is not covered by the signature, so nothing may hide in it: exactly these fields.
  if (Object.keys(signature).sort().join() !== SIGNATURE_FIELDS.join() || signature.algorithm !== 'Ed25519') {
    return fail({ kind: 'signature-invalid-form', message: `The signature block must hold exactly ${SIGNATURE_FIELDS.join(', ')}, with algorithm Ed25519` });
  }
  const key = parsePublicKey(signature.publicKey);
  if (typeof key === 'string') return fail({ kind: 'signature-invalid-form', message: `Signature block: ${key}` });
  if (signature.keyFingerprint !== key.fingerprint) {
    return fail({ kind: 'key-mismatch', message: "The stated key fingerprint is not the embedded key's", expected: key.fingerprint, found: String(signature.keyFingerprint) }, key.fingerprint);
  }
  if (options.expectedKeyFingerprint !== undefined && options.expectedKeyFingerprint !== key.fingerprint) {
    return fail({ kind: 'key-mismatch', message: 'The bundle is signed by another key than the expected one', expected: options.expectedKeyFingerprint, found: key.fingerprint }, key.fingerprint);
  }
  if (!verifyEd25519(key.key, canonicalJson(body as JsonObject), signature.value)) {
    return fail({ kind: 'signature-invalid', message: 'The signature does not verify: the bundle was changed after signing' }, key.fingerprint);
  }

  const streams = checkStreams(body.streams);
  if ('kind' in streams) return fail(streams, key.fingerprint);
  const heads = checkHeads(body.heads, streams.heads);
  if (heads) return fail(heads, key.fingerprint);
  const checkpoint = checkCheckpoint(body.checkpoint, key.fingerprint, streams.heads);
  if (checkpoint !== null && 'kind' in checkpoint) return fail(checkpoint, key.fingerprint);

  return {
    ok: true,
    keyFingerprint: key.fingerprint,
    exportedAt: body.exportedAt,
    streams: Array.isArray(body.streams) ? body.streams.length : 0,
    events: streams.events,
    checkpoint: checkpoint && { sequence: checkpoint.sequence, position: checkpoint.position, signedAt: checkpoint.signedAt },
  };
};
