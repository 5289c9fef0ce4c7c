import {
  assertCollectionName,
  type Checkpoint,
  InvalidQueryError,
  type ReadDocument,
  type ReadWrite,
} from '../read-store';
import { assertDocumentId, normalizeDocument } from './document-rules';

/** A write after validation; puts carry the normalized document that is stored. */
export type CheckedWrite =
  | Readonly<{ collection: string; type: 'put'; id: string; document: ReadDocument }>
  | Readonly<{ collection: string; type: 'delete'; id: string }>;

const MAX_NAME_LENGTH = 200;

/**
 * Validates a whole batch before anything is written, so an invalid write fails the commit on
 * every adapter (atomic or not) without touching the store.
 */
export function checkWrites(writes: readonly ReadWrite[]): CheckedWrite[] {
  if (!Array.isArray(writes)) throw new InvalidQueryError('writes must be an array');
  return writes.map((write): CheckedWrite => {
    assertCollectionName(write?.collection);
    if (write.type === 'put') {
      const document = normalizeDocument(write.document);
      return { collection: write.collection, type: 'put', id: document.id, document };
    }
    if (write.type === 'delete') {
      assertDocumentId(write.id);
      return { collection: write.collection, type: 'delete', id: write.id };
    }
    throw new InvalidQueryError(`Unknown write type '${String((write as { type?: unknown }).type)}'`);
  });
}

/** Throws InvalidQueryError unless the checkpoint has a valid name and a non-negative bigint position. */
export function checkCheckpoint(checkpoint: Checkpoint | undefined): void {
  if (checkpoint === undefined) return;
  assertCheckpointName(checkpoint.name);
  if (typeof checkpoint.position !== 'bigint' || checkpoint.position < 0n) {
    throw new InvalidQueryError('A checkpoint position must be a non-negative bigint');
  }
}

export function assertCheckpointName(name: unknown): asserts name is string {
  assertPlainName(name, 'checkpoint name');
}

/** Read-model names are code constants such as 'incident-summary'. */
export function assertReadModelName(name: unknown): asserts name is string {
  assertPlainName(name, 'read model name');
}

function assertPlainName(name: unknown, what: string): void {
  // eslint-disable-next-line no-control-regex
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_NAME_LENGTH || /[\u0000-\u001f]/.test(name)) {
    throw new InvalidQueryError(`Invalid ${what}`);
  }
}

/** Reads a checkpoint position stored as a decimal string. */
export function parsePosition(stored: unknown, name: string): bigint {
  if (typeof stored !== 'string' || !/^\d+$/.test(stored)) {
    throw new Error(`Checkpoint '${name}' holds '${String(stored)}', not a decimal position`);
  }
  return BigInt(stored);
}
