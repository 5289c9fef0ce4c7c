import type { LedgerEvent } from '@ledger/ledger';
import { anIncident, type IncidentEvents } from './incident-events';

/** How far the standard story goes. */
export type Stage = 'logged' | 'categorized' | 'triaged' | 'assigned' | 'contained' | 'closed' | 'reviewed';

const LAST_REVISION: Readonly<Record<Stage, number>> = {
  logged: 0,
  categorized: 1,
  triaged: 2,
  assigned: 3,
  contained: 5,
  closed: 8,
  reviewed: 9,
};

/**
 * The standard story of INC-1 (P2, business times on Monday 2026-11-02, ISO week 2026-W45):
 *
 *   r0 09:00 logged (recorded 09:00:02; the incident itself occurred 08:40)
 *   r1 09:10 categorized malicious-code / c2
 *   r2 09:15 prioritized P2                       -> triaged
 *   r3 09:30 assigned to alice (soc)              -> assigned
 *   r4 09:35 note
 *   r5 10:05 contained "Blocked C2 at egress firewall"
 *   r6 11:05 eradicated
 *   r7 13:05 recovered
 *   r8 14:05 closed true-positive-with-impact
 *   r9 Tue 14:05 reviewed
 *
 * Returns the events up to `stage` and the builder to continue the stream from there.
 */
export const story = (stage: Stage, incidentId = 'INC-1'): { inc: IncidentEvents; events: LedgerEvent[] } => {
  const inc = anIncident(incidentId, '2026-11-02T09:00:00.000Z');
  const steps: (() => LedgerEvent)[] = [
    () =>
      inc.logged({
        title: 'Beaconing to known C2',
        occurredAt: '2026-11-02T08:40:00.000Z',
        recordedAt: '2026-11-02T09:00:02.000Z',
      }),
    () => inc.categorized({ category: 'malicious-code', subcategories: ['c2'], after: '10m' }),
    () => inc.prioritized({ priority: 'P2', after: '5m' }),
    () => inc.assigned({ assignee: 'alice', team: 'soc', after: '15m' }),
    () => inc.note({ after: '5m' }),
    () => inc.contained({ summary: 'Blocked C2 at egress firewall', after: '30m' }),
    () => inc.eradicated({ after: '1h' }),
    () => inc.recovered({ after: '2h' }),
    () => inc.closed({ resolutionCode: 'true-positive-with-impact', after: '1h' }),
    () => inc.reviewed({ after: '1d' }),
  ];
  const events = steps.slice(0, LAST_REVISION[stage] + 1).map((step) => step());
  return { inc, events };
};
