import type { IncidentEvent, IncidentStatus } from '@ledger/domain';
import type { IncidentCore } from '../shared/incident-core';
import { hasKeysInOrder } from '../shared/shape';
import type { IntervalMetric, IntervalStart } from './interval-fact';

export type RunningIntervals = Readonly<Record<IntervalMetric, IntervalStart | null>>;

export const NOTHING_RUNNING: RunningIntervals = {
  'time-to-triage': null,
  'time-to-assign': null,
  'time-to-contain': null,
  'time-to-recover': null,
  'time-to-close': null,
};

const RUNNING_FIELDS: readonly string[] = Object.freeze(Object.keys(NOTHING_RUNNING));

export type EndedInterval = Readonly<{ metric: IntervalMetric; start: IntervalStart }>;

/** Which metric ends when the incident enters a status. */
const ENDS_ON_ENTRY: Partial<Record<IncidentStatus, IntervalMetric>> = {
  triaged: 'time-to-triage',
  contained: 'time-to-contain',
  recovered: 'time-to-recover',
  closed: 'time-to-close',
};

/** Which metrics start when the incident enters a status. */
const STARTS_ON_ENTRY: Partial<Record<IncidentStatus, readonly IntervalMetric[]>> = {
  logged: ['time-to-triage'],
  triaged: ['time-to-assign'],
  assigned: ['time-to-contain', 'time-to-recover'],
};

/** Which running metrics a status makes moot for the rest of the cycle. */
const CANCELLED_ON_ENTRY: Partial<Record<IncidentStatus, readonly IntervalMetric[]>> = {
  // Eradicating straight after assignment skips containment in this cycle.
  eradicated: ['time-to-contain'],
  recovered: ['time-to-contain'],
  closed: ['time-to-triage', 'time-to-assign', 'time-to-contain', 'time-to-recover'],
  // A rejected report stops every clock; a reopen starts new ones.
  rejected: ['time-to-triage', 'time-to-assign', 'time-to-contain', 'time-to-recover', 'time-to-close'],
};

/**
 * One step of the interval bookkeeping: which intervals `event` ends, and what runs afterwards.
 * Intervals are driven by status entries, so they follow the lifecycle whatever command caused
 * them; each ends at most once per cycle because a status is entered at most once per cycle.
 */
export const stepIntervals = (
  running: RunningIntervals,
  before: IncidentCore | null,
  after: IncidentCore,
  event: IncidentEvent,
  start: IntervalStart,
): Readonly<{ running: RunningIntervals; ended: readonly EndedInterval[] }> => {
  const entered = before === null || before.status !== after.status ? after.status : null;
  const next: Record<IntervalMetric, IntervalStart | null> = hasKeysInOrder(running, RUNNING_FIELDS)
    ? {
        'time-to-triage': running['time-to-triage'],
        'time-to-assign': running['time-to-assign'],
        'time-to-contain': running['time-to-contain'],
        'time-to-recover': running['time-to-recover'],
        'time-to-close': running['time-to-close'],
      }
    : { ...running }; // a literal is much faster than the spread (see shared/shape.ts)
  const ended: EndedInterval[] = [];
  const end = (metric: IntervalMetric): void => {
    const started = next[metric];
    if (started !== null) ended.push({ metric, start: started });
    next[metric] = null;
  };

  if (entered !== null) {
    const ending = ENDS_ON_ENTRY[entered];
    if (ending !== undefined) end(ending);
    // Only an assignment ends the wait for one; a reopen into 'assigned' had no such wait.
    if (entered === 'assigned' && event.type === 'IncidentAssigned') end('time-to-assign');
    for (const metric of CANCELLED_ON_ENTRY[entered] ?? []) next[metric] = null;
    for (const metric of STARTS_ON_ENTRY[entered] ?? []) next[metric] = start;
  }
  // Time to close runs from the opening, or from the latest reopen.
  if (event.type === 'IncidentLogged' || event.type === 'IncidentReopened') next['time-to-close'] = start;
  return { running: next, ended };
};
