import { singleDocumentProjection } from '../contract';
import { incidentIdOf } from '../shared/incident-event';
import { evolveIncidentSummary, INCIDENT_SUMMARY } from './evolve-summary';
import type { IncidentSummary } from './incident-summary';

/** One document per incident (id = incidentId); see docs/projections.md. */
export const incidentSummaryProjection = singleDocumentProjection<IncidentSummary>({
  name: INCIDENT_SUMMARY,
  version: 1,
  documentId: incidentIdOf,
  evolve: (summary, event, context) => evolveIncidentSummary(summary, event, context.slaPolicy),
});
