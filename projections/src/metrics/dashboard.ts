import {
  INCIDENT_STATUSES,
  PRIORITY_CODES,
  type IncidentStatus,
  type PriorityCode,
} from '@ledger/domain';
import { isOpenStatus } from '../shared/incident-core';
import { DAY_MS, instantMs, toEpochMs, type Instant } from '../shared/time';
import { slaStatus } from '../sla/sla-clock';
import type { SlaPolicy } from '../sla/sla-policy';
import type { IncidentSummary } from '../summary/incident-summary';

/*
 * Pure dashboard figures over incident summaries. Callers choose the population (all incidents,
 * one team's, the open ones via isOpenIncident...) and pass the clock explicitly.
 */

/** Open means work remains: anything but closed, reviewed and rejected. */
export const isOpenIncident = (summary: Pick<IncidentSummary, 'status'>): boolean =>
  isOpenStatus(summary.status);

export type IncidentCounts = Readonly<{
  total: number;
  byStatus: Readonly<Record<IncidentStatus, number>>;
  byPriority: Readonly<Record<PriorityCode, number>>;
  unprioritized: number;
  byCategory: Readonly<Record<string, number>>;
  uncategorized: number;
  byAssignee: Readonly<Record<string, number>>;
  unassigned: number;
}>;

const tally = (keys: readonly (string | null)[]): { counts: Record<string, number>; missing: number } => {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const key of keys) {
    if (key === null) missing += 1;
    else counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  // fromEntries defines own properties, so a category named "__proto__" is counted like any other.
  const sorted = [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { counts: Object.fromEntries(sorted), missing };
};

const zeroes = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** Counts by status, priority, category and assignee. Every status and priority is listed, zeros included. */
export const countIncidents = (
  summaries: readonly Pick<IncidentSummary, 'status' | 'priority' | 'category' | 'assignee'>[],
): IncidentCounts => {
  const byStatus = zeroes(INCIDENT_STATUSES);
  const byPriority = zeroes(PRIORITY_CODES);
  let unprioritized = 0;
  for (const summary of summaries) {
    byStatus[summary.status] += 1;
    if (summary.priority === null) unprioritized += 1;
    else byPriority[summary.priority] += 1;
  }
  const categories = tally(summaries.map((summary) => summary.category));
  const assignees = tally(summaries.map((summary) => summary.assignee));
  return {
    total: summaries.length,
    byStatus,
    byPriority,
    unprioritized,
    byCategory: categories.counts,
    uncategorized: categories.missing,
    byAssignee: assignees.counts,
    unassigned: assignees.missing,
  };
};

/** Age bands: [fromDays, toDays) of the time since openedAt. */
export const AGE_BANDS = [
  { band: '<1d', fromDays: 0, toDays: 1 },
  { band: '1-3d', fromDays: 1, toDays: 3 },
  { band: '3-7d', fromDays: 3, toDays: 7 },
  { band: '7-30d', fromDays: 7, toDays: 30 },
  { band: '>30d', fromDays: 30, toDays: Number.POSITIVE_INFINITY },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['band'];

export type AgeBandCount = Readonly<{ band: AgeBand; count: number; incidentIds: readonly string[] }>;

/**
 * Open incidents by age (now - openedAt, the original opening even after reopens). Lower bounds
 * are inclusive: exactly 24 h old is '1-3d'. An openedAt after `now` (clock skew) counts as '<1d'.
 * Ids within a band are oldest first.
 */
export const openIncidentsByAge = (
  summaries: readonly Pick<IncidentSummary, 'incidentId' | 'status' | 'openedAt'>[],
  now: Instant,
): AgeBandCount[] => {
  const nowMs = instantMs(now);
  const open = summaries
    .filter(isOpenIncident)
    .map((summary) => ({ id: summary.incidentId, openedMs: toEpochMs(summary.openedAt) }))
    .sort((a, b) => a.openedMs - b.openedMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return AGE_BANDS.map(({ band, fromDays, toDays }) => {
    const incidentIds = open
      .filter(({ openedMs }) => {
        const ageDays = Math.max(0, nowMs - openedMs) / DAY_MS;
        return ageDays >= fromDays && ageDays < toDays;
      })
      .map(({ id }) => id);
    return { band, count: incidentIds.length, incidentIds };
  });
};

export type IdList = Readonly<{ count: number; incidentIds: readonly string[] }>;

export type SlaBreaches = Readonly<{ response: IdList; resolution: IdList; any: IdList }>;

const idList = (ids: string[]): IdList => ({ count: ids.length, incidentIds: [...ids].sort() });

/**
 * Incidents whose SLA is breached at `now` under `policy`, by the passage of time as much as by
 * events (see slaStatus). Includes breaches on incidents since closed; filter with
 * isOpenIncident first for "open and breached".
 */
export const slaBreaches = (
  summaries: readonly Pick<IncidentSummary, 'incidentId' | 'sla'>[],
  policy: SlaPolicy,
  now: Instant,
): SlaBreaches => {
  const response: string[] = [];
  const resolution: string[] = [];
  const any: string[] = [];
  for (const summary of summaries) {
    const status = slaStatus(summary, policy, now);
    if (status.responseBreached) response.push(summary.incidentId);
    if (status.resolutionBreached) resolution.push(summary.incidentId);
    if (status.responseBreached || status.resolutionBreached) any.push(summary.incidentId);
  }
  return { response: idList(response), resolution: idList(resolution), any: idList(any) };
};

export type ReviewBacklogItem = Readonly<{ incidentId: string; closedAt: string; waitingMs: number }>;

/** Closed incidents awaiting their post-incident review, longest waiting first. */
export const reviewBacklog = (
  summaries: readonly Pick<IncidentSummary, 'incidentId' | 'status' | 'closedAt'>[],
  now: Instant,
): Readonly<{ count: number; items: readonly ReviewBacklogItem[] }> => {
  const nowMs = instantMs(now);
  const items = summaries
    .filter((summary) => summary.status === 'closed' && summary.closedAt !== null)
    .map((summary) => ({
      incidentId: summary.incidentId,
      closedAt: summary.closedAt as string,
      waitingMs: Math.max(0, nowMs - toEpochMs(summary.closedAt as string)),
    }))
    .sort((a, b) => b.waitingMs - a.waitingMs || (a.incidentId < b.incidentId ? -1 : 1));
  return { count: items.length, items };
};
