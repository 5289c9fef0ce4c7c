import { createHash } from 'node:crypto';
import { InvalidQueryError, type Scalar, type SortKey } from '../read-store';

/** Longest cursor accepted; sort values are field values, so a long title makes a long cursor. */
const MAX_CURSOR_LENGTH = 64 * 1024;
const CHECKSUM_BYTES = 8;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * The keyset cursor: base64url of an 8-byte checksum followed by JSON `{ s, v }`, where `s` names
 * the sort it belongs to (e.g. "openedAt-,id-") and `v` holds the last item's sort values, id last.
 *
 * The checksum (unkeyed SHA-256) turns corrupted or hand-edited cursors into InvalidQueryError; it
 * is not a security boundary. A forged cursor can only choose where a page starts inside the
 * caller's own filter, never widen it.
 */
export class PageCursor {
  static encode(sort: readonly SortKey[], values: readonly Scalar[]): string {
    const payload = Buffer.from(JSON.stringify({ s: signature(sort), v: values }), 'utf8');
    return Buffer.concat([checksum(payload), payload]).toString('base64url');
  }

  /** The sort values stored in `token`; InvalidQueryError unless it is intact and made for `sort`. */
  static decode(token: string, sort: readonly SortKey[]): Scalar[] {
    if (typeof token !== 'string' || token.length === 0 || token.length > MAX_CURSOR_LENGTH || !BASE64URL.test(token)) {
      throw invalid();
    }
    const bytes = Buffer.from(token, 'base64url');
    // Node's decoder skips what it cannot read; a token that does not re-encode identically was altered.
    if (bytes.toString('base64url') !== token || bytes.length <= CHECKSUM_BYTES) throw invalid();
    const payload = bytes.subarray(CHECKSUM_BYTES);
    if (!checksum(payload).equals(bytes.subarray(0, CHECKSUM_BYTES))) throw invalid();
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString('utf8'));
    } catch {
      throw invalid();
    }
    const { s, v } = (parsed ?? {}) as { s?: unknown; v?: unknown };
    if (s !== signature(sort)) throw new InvalidQueryError('The cursor belongs to a different sort order');
    if (!Array.isArray(v) || v.length !== sort.length || !v.every(isCursorValue)) throw invalid();
    const id = v[sort.findIndex((key) => key.field === 'id')];
    if (typeof id !== 'string') throw invalid();
    return v as Scalar[];
  }
}

const signature = (sort: readonly SortKey[]): string =>
  sort.map((key) => `${key.field}${key.direction === 'asc' ? '+' : '-'}`).join(',');

const checksum = (payload: Buffer): Buffer => createHash('sha256').update(payload).digest().subarray(0, CHECKSUM_BYTES);

const isCursorValue = (value: unknown): value is Scalar =>
  value === null ||
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));

const invalid = (): InvalidQueryError => new InvalidQueryError('Invalid cursor');
