import type { EventStore } from '@ledger/event-store';
import { CHECKPOINT_STREAM } from '../checkpoints/checkpoint-format';
import type { CheckpointFacts } from './export-report';
import { readLastEvent } from './stream-snapshot';

type Loose = Readonly<Record<string, unknown>>;

const textOf = (value: unknown): string | null =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' ? String(value) : null;

/**
 * The latest LedgerCheckpointed event and the facts an export states about it; null when none was written yet.
 * Read loosely: the export shows what is stored, and the verifier (not the exporter) judges it.
 */
export const readCheckpointFacts = async (store: EventStore): Promise<CheckpointFacts | null> => {
  const event = await readLastEvent(store, CHECKPOINT_STREAM);
  if (event === null) return null;
  const data = event.data as Loose;
  const metadata = event.metadata as Loose;
  return {
    event,
    sequence: textOf(data.sequence),
    position: textOf(data.position),
    recordedAt: String(metadata.recordedAt ?? ''),
    keyFingerprint: textOf(data.keyFingerprint),
  };
};
