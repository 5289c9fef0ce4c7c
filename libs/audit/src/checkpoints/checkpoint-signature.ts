import type { JsonObject } from '@ledger/event-store';
import { type LedgerSigner, parsePublicKey, type PublicKeyInfo, verifyEd25519 } from '../signing/ed25519-signer';
import { canonicalJson } from '../verification/canonical-json';
import type { CheckpointBody, CheckpointData } from './checkpoint-format';

/** Signs a checkpoint body: Ed25519 over the RFC 8785 (JCS) text of the body. */
export const signCheckpoint = (body: CheckpointBody, signer: LedgerSigner): CheckpointData => ({
  ...body,
  signature: signer.sign(canonicalJson(body as unknown as JsonObject)),
});

export type CheckpointSignatureCheck =
  | Readonly<{ ok: true; key: PublicKeyInfo }>
  | Readonly<{ ok: false; kind: 'checkpoint-key-mismatch' | 'checkpoint-signature-invalid'; reason: string }>;

/**
 * Checks a checkpoint's own key and signature: the embedded public key is canonical Ed25519 SPKI PEM,
 * its fingerprint is the one named, and the signature verifies over the body. Who may sign is the
 * caller's business (trusted keys, rotation).
 */
export const checkCheckpointSignature = (data: CheckpointData): CheckpointSignatureCheck => {
  const key = parsePublicKey(data.publicKey);
  if (typeof key === 'string') return { ok: false, kind: 'checkpoint-key-mismatch', reason: key };
  if (key.fingerprint !== data.keyFingerprint) {
    return { ok: false, kind: 'checkpoint-key-mismatch', reason: `the embedded key's fingerprint is ${key.fingerprint}` };
  }
  const { signature, ...body } = data;
  if (!verifyEd25519(key.key, canonicalJson(body as unknown as JsonObject), signature)) {
    return { ok: false, kind: 'checkpoint-signature-invalid', reason: 'the signature does not verify with the embedded key' };
  }
  return { ok: true, key };
};
