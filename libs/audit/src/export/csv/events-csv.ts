import type { IncidentReport } from '../incident-report';
import { csvRecord } from './csv-cell';

/** The columns, in order; the times say UTC in the header so a spreadsheet user cannot miss it. */
export const CSV_COLUMNS = [
  'incidentId',
  'stream',
  'revision',
  'position',
  'eventId',
  'type',
  'occurredAt (UTC)',
  'recordedAt (UTC)',
  'actorId',
  'actorName',
  'summary',
  'prevHash',
  'hash',
  'correlationId',
  'causationId',
  'data (JSON)',
] as const;

/**
 * One row per event of every incident, in stream order. `data` is the event's data as stored, as
 * compact JSON, so a reader can recompute nothing from the CSV alone but can match every row to the
 * signed JSON bundle by event id and hash.
 */
export const renderEventsCsv = (incidents: readonly IncidentReport[]): string => {
  const lines = [csvRecord(CSV_COLUMNS)];
  for (const { snapshot, timeline } of incidents) {
    snapshot.recorded.forEach((stored, index) => {
      const item = timeline[index]!;
      lines.push(
        csvRecord([
          item.incidentId,
          stored.stream,
          stored.revision.toString(),
          stored.position.toString(),
          stored.eventId,
          stored.type,
          item.occurredAt,
          item.recordedAt,
          item.actor.id,
          item.actor.name,
          item.what,
          item.prevHash,
          item.hash,
          item.correlationId,
          item.causationId,
          JSON.stringify(stored.data),
        ]),
      );
    });
  }
  return lines.join('');
};
