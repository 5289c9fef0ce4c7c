import type { LedgerEvent } from '@ledger/ledger';
import type { Projection } from '../contract';
import { encodeBigint } from '../shared/bigint';
import { ProjectionOrderError } from '../shared/errors';
import { evolveCore } from '../shared/incident-core';
import { isIncidentEvent } from '../shared/incident-event';
import { diffCore } from './changes';
import { describeEvent } from './describe';
import type { TimelineEntry } from './timeline-entry';

export const INCIDENT_TIMELINE = 'incident-timeline';

export const timelineEntryId = (incidentId: string, revision: bigint): string =>
  `${incidentId}:${encodeBigint(revision)}`;

/** Builds the entry for `event` from the previous entry (null for the stream's first event). */
export const timelineEntryFor = (previous: TimelineEntry | null, event: LedgerEvent): TimelineEntry => {
  const before = previous?.state ?? null;
  const state = evolveCore(before, event);
  const { metadata } = event;
  return {
    id: timelineEntryId(event.data.incidentId, event.revision),
    incidentId: event.data.incidentId,
    stream: event.stream,
    revision: encodeBigint(event.revision),
    sequence: Number(event.revision),
    position: encodeBigint(event.position),
    eventId: event.eventId,
    type: event.type,
    who: { id: metadata.actor.id, name: metadata.actor.name },
    what: describeEvent(event, before),
    occurredAt: metadata.occurredAt,
    recordedAt: metadata.recordedAt,
    changes: diffCore(before, state),
    state,
    // Shared, not copied: events are immutable facts and documents are never mutated (the stores
    // serialize or copy them), so a deep clone per event would only cost time.
    data: event.data,
    hash: metadata.hash,
    prevHash: metadata.prevHash,
    commandId: metadata.commandId,
    correlationId: metadata.correlationId,
    causationId: metadata.causationId,
  };
};

/**
 * One entry per incident event (id `${incidentId}:${revision}`). Each entry carries the tracked
 * state after its event, so the entry for revision r is computed from the entry for r - 1 alone:
 * no hidden state, and idempotent by key (an existing entry is never rewritten).
 */
export const incidentTimelineProjection: Projection<TimelineEntry> = {
  name: INCIDENT_TIMELINE,
  version: 1,
  documentIds: (event) => {
    if (!isIncidentEvent(event)) return [];
    const current = timelineEntryId(event.data.incidentId, event.revision);
    if (event.revision === 0n) return [current];
    return [timelineEntryId(event.data.incidentId, event.revision - 1n), current];
  },
  apply: (documents, event) => {
    if (!isIncidentEvent(event)) return [];
    const { incidentId } = event.data;
    if ((documents.get(timelineEntryId(incidentId, event.revision)) ?? null) !== null) return [];
    let previous: TimelineEntry | null = null;
    if (event.revision > 0n) {
      previous = documents.get(timelineEntryId(incidentId, event.revision - 1n)) ?? null;
      if (previous === null) {
        const missing = encodeBigint(event.revision - 1n);
        throw new ProjectionOrderError(INCIDENT_TIMELINE, incidentId, missing, encodeBigint(event.revision));
      }
    }
    return [{ type: 'put', document: timelineEntryFor(previous, event) }];
  },
};
