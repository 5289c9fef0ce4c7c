import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * Streams a read may legitimately append to while the suite runs: the background checkpoint writer's
 * stream, and access records of reads (`ledger-access`, `ledger-access-<incident>`). Nothing else.
 */
export const EXCLUDED_STREAMS = ['ledger-checkpoints', 'ledger-access', 'ledger-access-*'] as const;

export type EventStoreSnapshot = Readonly<{
  /** Rows outside the excluded streams. */
  rows: number;
  lastPosition: string;
  /** SHA-256 over every column of every such row, in position order. */
  digest: string;
}>;

const QUERY = `
  SELECT position, stream, revision, event_id, type, data, metadata, recorded_at FROM events
  WHERE stream <> 'ledger-checkpoints' AND stream <> 'ledger-access' AND stream NOT LIKE 'ledger-access-%'
  ORDER BY position`;

type Row = Record<string, string | bigint>;

/**
 * Reads the embedded event store (`<dataDir>/events.sqlite`) through its own read-only connection,
 * which WAL mode allows while the API writes, and hashes every row byte for byte.
 */
export const snapshotEventStore = (dataDir: string): EventStoreSnapshot & { rowsAfter(position: string): Row[] } => {
  const db = new Database(join(dataDir, 'events.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare<[], Row>(QUERY).safeIntegers(true).all();
    const hash = createHash('sha256');
    for (const row of rows) {
      for (const value of Object.values(row)) hash.update(`${String(value).length}:${String(value)}|`);
    }
    const last = rows.at(-1)?.position;
    return {
      rows: rows.length,
      lastPosition: last === undefined ? '0' : String(last),
      digest: hash.digest('hex'),
      rowsAfter: (position) => rows.filter((row) => BigInt(row.position!) > BigInt(position)),
    };
  } finally {
    db.close();
  }
};
