import { createHash, timingSafeEqual } from 'node:crypto';

/** Tokens are kept only as SHA-256 digests. */
export const hashToken = (token: string): Buffer => createHash('sha256').update(token, 'utf8').digest();

/** Constant-time comparison of two digests of equal length. */
export const sameDigest = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);
