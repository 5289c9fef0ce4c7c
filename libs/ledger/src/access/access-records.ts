import type { Actor } from '@ledger/domain';
import type { EventStore, JsonObject, RecordedEvent } from '@ledger/event-store';
import { verifyStreamChain, type ChainVerification } from '../chain-verification';
import { ACCESS_RECORDED, type AccessRecord, type AccessRecordedData, accessStream } from './access-record';

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** An AccessRecorded event as an AccessRecord (data plus the envelope fields an auditor needs). */
export const toAccessRecord = (event: RecordedEvent): AccessRecord => {
  const metadata = event.metadata as JsonObject;
  const actor = (metadata.actor ?? {}) as JsonObject;
  return {
    ...(event.data as unknown as AccessRecordedData),
    eventId: event.eventId,
    stream: event.stream,
    revision: event.revision,
    position: event.position,
    actor: { id: str(actor.id), name: str(actor.name) } satisfies Actor,
    occurredAt: str(metadata.occurredAt),
    recordedAt: str(metadata.recordedAt),
    correlationId: str(metadata.correlationId),
    causationId: str(metadata.causationId),
    prevHash: str(metadata.prevHash),
    hash: str(metadata.hash),
  };
};

export type AccessRecordsQuery = Readonly<{
  /** The incident whose records to read; without it, the ledger-wide stream. */
  incidentId?: string | null;
}>;

/** The access records of one incident (or the ledger-wide ones), oldest first. */
export const accessRecords = async (store: EventStore, query: AccessRecordsQuery = {}): Promise<AccessRecord[]> => {
  const events = await store.readStream(accessStream(query.incidentId));
  return events.filter((event) => event.type === ACCESS_RECORDED).map(toAccessRecord);
};

/** Checks the hash chain of an access stream, as for any other ledger stream. */
export const verifyAccessRecords = async (store: EventStore, query: AccessRecordsQuery = {}): Promise<ChainVerification> => {
  const stream = accessStream(query.incidentId);
  return verifyStreamChain(stream, await store.readStream(stream));
};
