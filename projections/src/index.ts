/**
 * Pure read-model projections of the incident ledger. No I/O: a projector loads documents,
 * calls `apply`, and stores the writes with its checkpoint. See docs/projections.md.
 */
export * from './contract';
export * from './in-memory';
export * from './shared/bigint';
export * from './shared/errors';
export { isIncidentEvent, incidentIdOf } from './shared/incident-event';
export { evolveCore, isOpenStatus, TERMINAL_STATUSES, type IncidentCore } from './shared/incident-core';
export { isoWeekOf, monthOf, type Instant } from './shared/time';

export * from './sla/sla-policy';
export * from './sla/sla-clock';

export * from './summary/incident-summary';
export { evolveIncidentSummary, INCIDENT_SUMMARY } from './summary/evolve-summary';
export { incidentSummaryProjection } from './summary/incident-summary.projection';

export * from './timeline/timeline-entry';
export { TRACKED_FIELDS, diffCore } from './timeline/changes';
export { describeEvent, WHAT_TEXT_LIMIT } from './timeline/describe';
export * from './timeline/incident-timeline.projection';

export * from './metrics/interval-fact';
export { stepIntervals, type RunningIntervals, type EndedInterval } from './metrics/interval-clock';
export * from './metrics/incident-intervals.projection';
export * from './metrics/statistics';
export * from './metrics/summarize-intervals';
export * from './metrics/dashboard';

import { DEFAULT_SLA_POLICY } from './sla/sla-policy';
import { incidentSummaryProjection } from './summary/incident-summary.projection';
import { incidentTimelineProjection } from './timeline/incident-timeline.projection';
import { incidentIntervalsProjection } from './metrics/incident-intervals.projection';
import type { Projection, ProjectionContext, ProjectionDocument } from './contract';

/**
 * Every projection a projector should run. They are independent: each has its own collection
 * and checkpoint. Typed loosely so one generic projector loop can drive them all.
 */
export const INCIDENT_PROJECTIONS: readonly Projection<ProjectionDocument>[] = Object.freeze([
  incidentSummaryProjection,
  incidentTimelineProjection,
  incidentIntervalsProjection,
]);

/** The context with the policy shipped in sla/data/sla-policy.json. */
export const DEFAULT_PROJECTION_CONTEXT: ProjectionContext = Object.freeze({ slaPolicy: DEFAULT_SLA_POLICY });
export * from './read-model-indexes';
