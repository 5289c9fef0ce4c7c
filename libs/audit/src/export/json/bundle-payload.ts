import type { RecordedEvent } from '@ledger/event-store';
import { BUNDLE_FORMAT } from '../../bundle/bundle-format';
import type { ExportReport } from '../export-report';
import { isIncidentScope } from '../export-types';

/** A stored event in JSON: bigints as decimal strings, data and metadata exactly as stored. */
export type StoredEventJson = Readonly<{
  stream: string;
  revision: string;
  position: string;
  eventId: string;
  type: string;
  data: RecordedEvent['data'];
  metadata: RecordedEvent['metadata'];
}>;

export const toStoredEventJson = (event: RecordedEvent): StoredEventJson => ({
  stream: event.stream,
  revision: event.revision.toString(),
  position: event.position.toString(),
  eventId: event.eventId,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});

/**
 * The bundle before signing: every stream in full (events as stored, so a verifier recomputes each hash),
 * the informational sections (summary, timeline, custody), the latest signed checkpoint and the stream heads.
 * The signature, added by signBundle, covers all of it.
 */
export const buildBundlePayload = (report: ExportReport) => {
  const streams = report.incidents.map(({ snapshot }) => ({
    stream: snapshot.stream,
    events: snapshot.recorded.map(toStoredEventJson),
  }));
  return {
    format: BUNDLE_FORMAT as typeof BUNDLE_FORMAT,
    exportedAt: report.exportedAt,
    exportedBy: { id: report.exportedBy.id, name: report.exportedBy.name },
    scope: isIncidentScope(report.scope)
      ? { incidentId: report.scope.incidentId }
      : { from: report.scope.from, to: report.scope.to },
    streams,
    summary: {
      incidents: report.incidents.length,
      events: streams.reduce((sum, stream) => sum + stream.events.length, 0),
      ...(report.reason !== undefined && { reason: report.reason }),
      overviews: report.incidents.map((incident) => incident.overview),
    },
    timeline: report.incidents.flatMap((incident) => incident.timeline),
    custody: report.incidents.flatMap((incident) => incident.custody),
    checkpoint: report.checkpoint === null ? null : toStoredEventJson(report.checkpoint.event),
    heads: streams.map(({ stream, events }) => {
      const head = events[events.length - 1]!;
      return { stream, revision: head.revision, hash: String((head.metadata as { hash?: unknown }).hash ?? '') };
    }),
  };
};
