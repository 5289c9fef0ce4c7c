import { type EventStore, incidentStream, type RecordedEvent } from '@ledger/event-store';
import { type ChainVerification, type LedgerEvent, LedgerEventCodec, verifyStreamChain } from '@ledger/ledger';

/** One incident's stream as read at export time: stored events, decoded events, and its chain check. */
export type IncidentStreamSnapshot = Readonly<{
  incidentId: string;
  stream: string;
  /** Exactly as stored (not upcast): what hashes are computed over. */
  recorded: readonly RecordedEvent[];
  /** Upcast to the current schema, for the human-readable sections. */
  events: readonly LedgerEvent[];
  /** The stream's hash chain, recomputed from genesis at export time. */
  verification: ChainVerification;
}>;

/** Reads one incident's whole stream (from genesis, so the chain verifies on its own); null when it has no events. */
export const readIncidentStream = async (
  store: EventStore,
  incidentId: string,
  codec = new LedgerEventCodec(),
): Promise<IncidentStreamSnapshot | null> => {
  const stream = incidentStream(incidentId);
  const recorded = await store.readStream(stream);
  if (recorded.length === 0) return null;
  return {
    incidentId,
    stream,
    recorded,
    events: recorded.map((event) => codec.decode(event)),
    verification: verifyStreamChain(stream, recorded),
  };
};

/** The newest event of a stream, as stored; null when the stream is empty. */
export const readLastEvent = async (store: EventStore, stream: string): Promise<RecordedEvent | null> => {
  const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
  return last ?? null;
};
