import type { IndexSpec } from '@ledger/read-store';
import { INCIDENT_INTERVALS } from './metrics/incident-intervals.projection';
import { INCIDENT_SUMMARY } from './summary/evolve-summary';
import { INCIDENT_TIMELINE } from './timeline/incident-timeline.projection';

const desc = (field: string) => ({ field, direction: 'desc' as const });
const asc = (field: string) => ({ field, direction: 'asc' as const });

/**
 * The indexes each read model needs, one per query the API serves. The projector creates them with
 * every (versioned) collection, so a rebuilt collection is indexed before reads switch to it.
 */
export const READ_MODEL_INDEXES: Readonly<Record<string, readonly IndexSpec[]>> = {
  [INCIDENT_SUMMARY]: [
    // GET /incidents sorts by openedAt (default), lastEventAt or priority, each optionally filtered.
    { name: 'opened', keys: [desc('openedAt')] },
    { name: 'last_event', keys: [desc('lastEventAt')] },
    { name: 'status_opened', keys: [asc('status'), desc('openedAt')] },
    { name: 'priority_opened', keys: [asc('priority'), desc('openedAt')] },
    // The triage queue's filter (status and priority together): its total is counted in the index.
    { name: 'status_priority_opened', keys: [asc('status'), asc('priority'), desc('openedAt')] },
    { name: 'category_opened', keys: [asc('category'), desc('openedAt')] },
    { name: 'assignee_opened', keys: [asc('assignee'), desc('openedAt')] },
    { name: 'team_opened', keys: [asc('team'), desc('openedAt')] },
    { name: 'reporter_opened', keys: [asc('reporter'), desc('openedAt')] },
    { name: 'closed', keys: [desc('closedAt')] },
    { name: 'sla_breach', keys: [asc('sla.breachAt')] },
  ],
  // Unique: one entry per event, so a replayed event can never appear twice.
  [INCIDENT_TIMELINE]: [{ name: 'incident_sequence', keys: [asc('incidentId'), asc('sequence')], unique: true }],
  [INCIDENT_INTERVALS]: [
    // GET /dashboard reads every interval of the last N weeks or months, in period order.
    { name: 'kind_week', keys: [asc('kind'), asc('week')] },
    { name: 'kind_month', keys: [asc('kind'), asc('month')] },
    { name: 'incident', keys: [asc('incidentId')] },
  ],
};
