import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import { v5 as uuidv5 } from 'uuid';
import type { Principal } from '../auth/principal';

const LEDGER_NAMESPACE = '6f1b8f2e-4c3a-5d7e-9a10-2b3c4d5e6f70';

/**
 * The command id: derived from the Idempotency-Key (per principal) so a retry carries the same id,
 * otherwise random.
 */
export const commandIdFor = (principal: Principal, idempotencyKey: string | undefined): string =>
  idempotencyKey === undefined ? randomUUID() : uuidv5(`${principal.id}\n${idempotencyKey}`, LEDGER_NAMESPACE);

/** An id derived from the command id, so ids a command creates (incident, note) are the same on retry. */
export const derivedId = (commandId: string, purpose: string): string => uuidv5(purpose, commandId);

/** Digest of what was asked, to tell a genuine retry from a reused key. */
export const fingerprint = (value: unknown): string =>
  createHash('sha256').update(canonicalize(value) ?? '', 'utf8').digest('hex');
