import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A freshly issued bearer token: shown to the caller once, recorded only as its digest. */
export type NewToken = Readonly<{ tokenId: string; token: string; tokenSha256: string }>;

/** SHA-256 of a token, hex. Tokens are high-entropy random strings, so an unsalted hash suffices. */
export const tokenSha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** 32 random bytes, base64url (43 characters). */
export const generateToken = (): NewToken => {
  const token = randomBytes(32).toString('base64url');
  return { tokenId: randomUUID(), token, tokenSha256: tokenSha256(token) };
};

export const isSha256Hex = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);

/** Constant-time comparison of two hex SHA-256 digests. */
export const sameDigest = (a: string, b: string): boolean => {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === 32 && right.length === 32 && timingSafeEqual(left, right);
};
