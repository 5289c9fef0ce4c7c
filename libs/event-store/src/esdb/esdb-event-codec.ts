import { jsonEvent, type EventData, type JSONType } from '@eventstore/db-client';
import type { EventToAppend, JsonObject, RecordedEvent } from '../event-store';
import { isLedgerStream } from '../streams';

/**
 * Mapping between the port's events and EventStoreDB's.
 * EventStoreDB reads `$correlationId` and `$causationId` from an event's metadata (its own projections and
 * UI link events by them), so appends copy the envelope's correlationId/causationId there; reads remove
 * those copies again so metadata round-trips exactly (a `$` key the caller wrote itself with a different
 * value is left alone).
 */

const ESDB_KEYS = [
  ['$correlationId', 'correlationId'],
  ['$causationId', 'causationId'],
] as const;

const isPlainObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

export const toEventData = (event: EventToAppend): EventData => {
  const metadata: JsonObject = { ...event.metadata };
  for (const [esdbKey, key] of ESDB_KEYS) {
    const value = event.metadata[key];
    if (typeof value === 'string' && !(esdbKey in metadata)) metadata[esdbKey] = value;
  }
  return jsonEvent({ id: event.eventId, type: event.type, data: event.data as JSONType, metadata });
};

const withoutEsdbKeys = (metadata: JsonObject): JsonObject => {
  const result: JsonObject = { ...metadata };
  for (const [esdbKey, key] of ESDB_KEYS) {
    if (esdbKey in result && result[esdbKey] === result[key]) delete result[esdbKey];
  }
  return result;
};

/** The fields of a recorded event the adapter needs, whichever way it was read. */
export type EsdbRecord = Readonly<{
  streamId: string;
  id: string;
  revision: bigint;
  type: string;
  isJson: boolean;
  data: unknown;
  metadata: unknown;
  /** Commit position in $all. */
  position: bigint;
}>;

/**
 * The ledger event an EventStoreDB record holds, or undefined when it holds none: system events
 * (`$` types), non-JSON events and, with `ledgerStreamsOnly`, events of other applications' streams.
 */
export const toRecordedEvent = (record: EsdbRecord, ledgerStreamsOnly: boolean): RecordedEvent | undefined => {
  if (ledgerStreamsOnly && !isLedgerStream(record.streamId)) return undefined;
  if (record.type.startsWith('$') || !record.isJson) return undefined;
  const metadata = record.metadata === undefined ? {} : record.metadata;
  if (!isPlainObject(record.data) || !isPlainObject(metadata)) return undefined;
  return {
    stream: record.streamId,
    revision: record.revision,
    position: record.position,
    eventId: record.id,
    type: record.type,
    data: record.data,
    metadata: withoutEsdbKeys(metadata),
  };
};
