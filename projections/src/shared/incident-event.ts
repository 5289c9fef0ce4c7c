import { INCIDENT_EVENT_SCHEMA_VERSIONS, type IncidentEvent } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';

const KNOWN_TYPES: ReadonlySet<string> = new Set(Object.keys(INCIDENT_EVENT_SCHEMA_VERSIONS));

/**
 * True for the incident events these projections understand. A projector reading the whole
 * ledger also meets other streams' events (and, after a deploy, types newer than this code);
 * projections ignore those instead of failing on them.
 */
export const isIncidentEvent = (event: { readonly type: string }): event is LedgerEvent<IncidentEvent> =>
  KNOWN_TYPES.has(event.type) &&
  typeof (event as { data?: { incidentId?: unknown } }).data?.incidentId === 'string';

/** The incident an event belongs to, or null when it is not an incident event. */
export const incidentIdOf = (event: { readonly type: string }): string | null =>
  isIncidentEvent(event) ? event.data.incidentId : null;
