import type { LedgerEvent } from '@ledger/ledger';
import type { DocumentWrite, Projection } from '../contract';
import { encodeBigint } from '../shared/bigint';
import { evolveCore } from '../shared/incident-core';
import { isIncidentEvent } from '../shared/incident-event';
import { checkRevision } from '../shared/revision-guard';
import { isoWeekOf, monthOf, toEpochMs } from '../shared/time';
import { NOTHING_RUNNING, stepIntervals, type EndedInterval } from './interval-clock';
import type { IncidentClock, IntervalDocument, IntervalFact, IntervalMetric } from './interval-fact';

export const INCIDENT_INTERVALS = 'incident-intervals';

export const incidentClockId = (incidentId: string): string => `${incidentId}:clock`;

export const intervalFactId = (incidentId: string, metric: IntervalMetric, endRevision: bigint): string =>
  `${incidentId}:${metric}:${encodeBigint(endRevision)}`;

const factFor = (ended: EndedInterval, clock: IncidentClock, event: LedgerEvent): IntervalFact => {
  const endedAt = event.metadata.occurredAt;
  const rawMs = toEpochMs(endedAt) - toEpochMs(ended.start.at);
  return {
    kind: 'interval',
    id: intervalFactId(clock.incidentId, ended.metric, event.revision),
    incidentId: clock.incidentId,
    metric: ended.metric,
    cycle: clock.core.reopenCount + 1,
    startedAt: ended.start.at,
    endedAt,
    startRevision: ended.start.revision,
    endRevision: encodeBigint(event.revision),
    durationMs: Math.max(0, rawMs),
    backdated: rawMs < 0,
    week: isoWeekOf(endedAt),
    month: monthOf(endedAt),
    priority: clock.core.priority,
    category: clock.core.category,
    team: clock.core.team,
  };
};

/**
 * "Interval facts": one document per measured interval, plus one bookkeeping document per
 * incident (see IncidentClock). Every interval counts, including each cycle after a reopen.
 */
export const incidentIntervalsProjection: Projection<IntervalDocument> = {
  name: INCIDENT_INTERVALS,
  version: 1,
  documentIds: (event) => (isIncidentEvent(event) ? [incidentClockId(event.data.incidentId)] : []),
  apply: (documents, event) => {
    if (!isIncidentEvent(event)) return [];
    const { incidentId } = event.data;
    const id = incidentClockId(incidentId);
    const loaded = documents.get(id) ?? null;
    if (loaded !== null && loaded.kind !== 'clock') throw new Error(`${id} is not an incident clock`);
    const check = checkRevision(INCIDENT_INTERVALS, incidentId, loaded?.lastRevision ?? null, event.revision);
    if (check === 'already-applied') return [];
    const before = loaded?.core ?? null;
    const core = evolveCore(before, event);
    const step = stepIntervals(loaded?.running ?? NOTHING_RUNNING, before, core, event, {
      at: event.metadata.occurredAt,
      revision: encodeBigint(event.revision),
    });
    const clock: IncidentClock = {
      kind: 'clock',
      id,
      incidentId,
      lastRevision: encodeBigint(event.revision),
      core,
      running: step.running,
    };
    const facts = step.ended.map((ended): DocumentWrite<IntervalDocument> => ({
      type: 'put',
      document: factFor(ended, clock, event),
    }));
    return [{ type: 'put', document: clock }, ...facts];
  },
};

