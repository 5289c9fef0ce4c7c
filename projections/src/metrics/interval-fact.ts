import type { PriorityCode } from '@ledger/domain';
import type { DecimalString } from '../shared/bigint';
import type { IncidentCore } from '../shared/incident-core';

/** The durations the dashboard reports. Definitions: docs/projections.md, "Interval metrics". */
export const INTERVAL_METRICS = [
  'time-to-triage',
  'time-to-assign',
  'time-to-contain',
  'time-to-recover',
  'time-to-close',
] as const;
export type IntervalMetric = (typeof INTERVAL_METRICS)[number];

/**
 * One measured interval. Id = `${incidentId}:${metric}:${endRevision}`: at most one interval of a
 * metric ends at a given event, so re-applying an event rewrites the same document.
 */
export type IntervalFact = Readonly<{
  kind: 'interval';
  id: string;
  incidentId: string;
  metric: IntervalMetric;
  /** 1 for the first pass through the lifecycle, 2 after the first reopen, and so on. */
  cycle: number;
  /** Business times (occurredAt) of the start and end events. */
  startedAt: string;
  endedAt: string;
  startRevision: DecimalString;
  endRevision: DecimalString;
  /** endedAt - startedAt in milliseconds, never negative (see `backdated`). */
  durationMs: number;
  /** The end was recorded with a business time before the start (a backdated entry); durationMs is 0. */
  backdated: boolean;
  /** ISO week ('2026-W45') and month ('2026-11') of endedAt, in UTC: an interval counts when it ends. */
  week: string;
  month: string;
  /** Classification when the interval ended. */
  priority: PriorityCode | null;
  category: string | null;
  team: string | null;
}>;

export type IntervalStart = Readonly<{ at: string; revision: DecimalString }>;

/**
 * The per-incident bookkeeping of the interval projection: which intervals are running and
 * since when. Id = `${incidentId}:clock`. Lives in the same collection as the facts; query
 * the facts with `kind: 'interval'`.
 */
export type IncidentClock = Readonly<{
  kind: 'clock';
  id: string;
  incidentId: string;
  /** Idempotency marker: events at or below this stream revision are skipped. */
  lastRevision: DecimalString;
  core: IncidentCore;
  /** Running intervals by metric; null when not running. */
  running: Readonly<Record<IntervalMetric, IntervalStart | null>>;
}>;

export type IntervalDocument = IntervalFact | IncidentClock;

export const isIntervalFact = (document: IntervalDocument): document is IntervalFact =>
  document.kind === 'interval';
