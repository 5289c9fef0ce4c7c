import { DEFAULT_SLA_POLICY, type IncidentSummary, slaStatus } from '@ledger/projections';

/**
 * An incident summary as the API shows it: SLA verdicts evaluated at `now` (breaches appear with the
 * passage of time, not only when an event arrives), and the internal clock bookkeeping left out.
 */
export const toSummaryView = (summary: IncidentSummary, now: Date): Record<string, unknown> => {
  const { sla, ...rest } = summary;
  const { clocks: _clocks, evaluatedAt: _evaluatedAt, ...stored } = sla;
  return { ...rest, sla: { ...stored, ...slaStatus(summary, DEFAULT_SLA_POLICY, now), evaluatedAt: now.toISOString() } };
};
