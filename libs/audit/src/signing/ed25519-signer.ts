import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from 'node:crypto';

/** Signs bytes for checkpoints and bundles. Implemented by Ed25519Signer; a test or an HSM may provide another. */
export interface LedgerSigner {
  /** Always 'Ed25519' for now; recorded next to every signature. */
  readonly algorithm: 'Ed25519';
  /** The public key as SPKI PEM, exactly as `publicKeyToPem` writes it. */
  readonly publicKeyPem: string;
  /** 'sha256:' + hex SHA-256 of the SPKI DER public key. */
  readonly fingerprint: string;
  /** Base64 Ed25519 signature of `message` (UTF-8 when a string). */
  sign(message: string | Buffer): string;
}

/** The error for a key that is missing, unreadable or not an Ed25519 key. */
export class SigningKeyError extends Error {
  override readonly name = 'SigningKeyError';
}

/** 'sha256:' + hex SHA-256 of the key's SPKI DER encoding: stable across PEM formatting. */
export const keyFingerprint = (publicKey: KeyObject): string =>
  `sha256:${createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex')}`;

/** The canonical SPKI PEM text of a public key (what signers publish and verifiers compare). */
export const publicKeyToPem = (publicKey: KeyObject): string =>
  publicKey.export({ type: 'spki', format: 'pem' }).toString();

/** An Ed25519 signer over a private key held in memory. */
export class Ed25519Signer implements LedgerSigner {
  readonly algorithm = 'Ed25519' as const;
  readonly publicKeyPem: string;
  readonly fingerprint: string;

  constructor(private readonly privateKey: KeyObject) {
    if (privateKey.type !== 'private' || privateKey.asymmetricKeyType !== 'ed25519') {
      throw new SigningKeyError(
        `The signing key must be an Ed25519 private key (got ${privateKey.asymmetricKeyType ?? privateKey.type})`,
      );
    }
    const publicKey = createPublicKey(privateKey);
    this.publicKeyPem = publicKeyToPem(publicKey);
    this.fingerprint = keyFingerprint(publicKey);
  }

  /** From a PKCS#8 PEM private key. */
  static fromPem(pem: string): Ed25519Signer {
    let key: KeyObject;
    try {
      key = createPrivateKey({ key: pem, format: 'pem' });
    } catch (error) {
      throw new SigningKeyError(`Not a PEM private key: ${(error as Error).message}`);
    }
    return new Ed25519Signer(key);
  }

  /** A fresh random key (tests, and the embedded default's first start). */
  static generate(): Ed25519Signer {
    return new Ed25519Signer(generateKeyPairSync('ed25519').privateKey);
  }

  /** The private key as PKCS#8 PEM, to store it. */
  privateKeyPem(): string {
    return this.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  sign(message: string | Buffer): string {
    return sign(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, this.privateKey).toString(
      'base64',
    );
  }
}

/** A public key that was checked to be Ed25519 and published in canonical form. */
export type PublicKeyInfo = Readonly<{ key: KeyObject; fingerprint: string }>;

/** Recently parsed keys: decoding a key costs as much as several signature checks, and a ledger has few keys. */
const parsed = new Map<string, PublicKeyInfo | string>();
const PARSED_KEYS_KEPT = 32;

/**
 * Parses a published public key strictly: Ed25519 SPKI PEM, byte for byte what publicKeyToPem writes
 * (so no two texts stand for the same key). Returns a reason string when it is not.
 */
export const parsePublicKey = (pem: unknown): PublicKeyInfo | string => {
  if (typeof pem !== 'string') return 'the public key is not a string';
  let result = parsed.get(pem);
  if (result === undefined) {
    result = parseUncached(pem);
    if (parsed.size >= PARSED_KEYS_KEPT) parsed.clear();
    parsed.set(pem, result);
  }
  return result;
};

const parseUncached = (pem: string): PublicKeyInfo | string => {
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: 'pem' });
  } catch {
    return 'the public key is not a PEM public key';
  }
  if (key.asymmetricKeyType !== 'ed25519') return `the public key is ${key.asymmetricKeyType ?? 'unknown'}, not Ed25519`;
  if (publicKeyToPem(key) !== pem) return 'the public key PEM is not in canonical form';
  return { key, fingerprint: keyFingerprint(key) };
};

/**
 * Checks a base64 Ed25519 signature. The text must be canonical base64 of exactly 64 bytes: Node's
 * decoder skips junk characters and ignores spare bits, which would let a changed text still verify.
 */
export const verifyEd25519 = (publicKey: KeyObject, message: string | Buffer, signature: unknown): boolean => {
  if (typeof signature !== 'string') return false;
  const bytes = Buffer.from(signature, 'base64');
  if (bytes.length !== 64 || bytes.toString('base64') !== signature) return false;
  try {
    return verify(null, typeof message === 'string' ? Buffer.from(message, 'utf8') : message, publicKey, bytes);
  } catch {
    return false;
  }
};
