import type { JsonObject, JsonValue } from '@ledger/event-store';
import type { LedgerSigner } from '../signing/ed25519-signer';
import { canonicalJson } from '../verification/canonical-json';
import { BUNDLE_FORMAT, type BundleSignature, serializeBundle } from './bundle-format';

/**
 * Signs an assembled bundle payload and returns the bundle TEXT (serializeBundle's deterministic form).
 * The signature is Ed25519 over the RFC 8785 form of the payload (without any `signature` it carries);
 * the signature block adds the public key and its fingerprint so the bundle verifies offline.
 * The payload goes through JSON first (dates become text, undefined fields vanish), exactly as a reader sees it.
 * @throws TypeError when the payload is not an `incident-ledger/bundle@1` object or is not JSON (e.g. a bigint).
 */
export const signBundle = (payload: object, signer: LedgerSigner): string => {
  const json = JSON.parse(JSON.stringify(payload)) as JsonValue;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new TypeError('A bundle payload must be an object');
  if (json.format !== BUNDLE_FORMAT) throw new TypeError(`A bundle payload's format must be ${BUNDLE_FORMAT}`);
  const { signature: _replaced, ...body } = json;
  const signature: BundleSignature = {
    algorithm: 'Ed25519',
    publicKey: signer.publicKeyPem,
    keyFingerprint: signer.fingerprint,
    value: signer.sign(canonicalJson(body)),
  };
  return serializeBundle({ ...body, signature } as JsonObject);
};
