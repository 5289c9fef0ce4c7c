import type { LedgerEvent } from '@ledger/ledger';
import { DEFAULT_SLA_POLICY as policy } from '../sla/sla-policy';
import type { IncidentSummary } from '../summary/incident-summary';
import { incidentSummaryProjection } from '../summary/incident-summary.projection';
import { given, story, TestLedger } from '../testing';
import { countIncidents, isOpenIncident, openIncidentsByAge, reviewBacklog, slaBreaches } from './dashboard';

const summaries = (events: readonly LedgerEvent[]): IncidentSummary[] =>
  given(incidentSummaryProjection, events).documents;

/** Five incidents opened at different times, in different states. */
const portfolio = (): IncidentSummary[] => {
  const ledger = new TestLedger();
  const fresh = ledger.incident('INC-FRESH', '2026-11-30T10:00:00.000Z');
  const week = ledger.incident('INC-WEEK', '2026-11-25T10:00:00.000Z');
  const old = ledger.incident('INC-OLD', '2026-10-01T10:00:00.000Z');
  const closed = ledger.incident('INC-CLOSED', '2026-11-28T10:00:00.000Z');
  const junk = ledger.incident('INC-JUNK', '2026-11-29T10:00:00.000Z');
  return summaries([
    fresh.logged(),
    week.logged(),
    week.categorized({ category: 'phishing' }),
    week.prioritized({ priority: 'P1' }),
    week.assigned({ assignee: 'alice' }),
    old.logged(),
    old.categorized({ category: 'intrusion' }),
    old.prioritized({ priority: 'P4' }),
    old.assigned({ assignee: 'bob' }),
    closed.logged(),
    closed.categorized({ category: 'intrusion' }),
    closed.prioritized({ priority: 'P2' }),
    closed.assigned({ assignee: 'alice' }),
    closed.eradicated({ justification: 'Wiped' }),
    closed.recovered(),
    closed.closed({ at: '2026-11-28T12:00:00.000Z' }),
    junk.logged(),
    junk.rejected(),
  ]);
};

describe('dashboard figures', () => {
  it('counts by status, priority, category and assignee, with zeros and the unset ones apart', () => {
    expect(countIncidents(portfolio())).toEqual({
      total: 5,
      byStatus: { logged: 1, triaged: 0, assigned: 2, contained: 0, eradicated: 0, recovered: 0, closed: 1, reviewed: 0, rejected: 1 },
      byPriority: { P1: 1, P2: 1, P3: 0, P4: 1, P5: 0 },
      unprioritized: 2,
      byCategory: { intrusion: 2, phishing: 1 },
      uncategorized: 2,
      byAssignee: { alice: 2, bob: 1 },
      unassigned: 2,
    });
  });

  it('counts only what it is given, e.g. the open incidents', () => {
    expect(countIncidents(portfolio().filter(isOpenIncident)).total).toBe(3);
  });

  describe('open incidents by age', () => {
    it('given now, then each open incident falls in its band, oldest first', () => {
      expect(openIncidentsByAge(portfolio(), '2026-12-01T09:00:00.000Z')).toEqual([
        { band: '<1d', count: 1, incidentIds: ['INC-FRESH'] },
        { band: '1-3d', count: 0, incidentIds: [] },
        { band: '3-7d', count: 1, incidentIds: ['INC-WEEK'] },
        { band: '7-30d', count: 0, incidentIds: [] },
        { band: '>30d', count: 1, incidentIds: ['INC-OLD'] },
      ]);
    });

    it('when the clock moves on, then the same documents fall in older bands', () => {
      const bands = openIncidentsByAge(portfolio(), new Date('2026-12-03T09:00:00.000Z'));
      expect(bands.map(({ band, count }) => `${band}:${count}`)).toEqual(['<1d:0', '1-3d:1', '3-7d:0', '7-30d:1', '>30d:1']);
    });

    it('puts an incident exactly 24 h old in 1-3d, and one opened after now in <1d', () => {
      const fresh = portfolio().filter((summary) => summary.incidentId === 'INC-FRESH');
      expect(openIncidentsByAge(fresh, '2026-12-01T10:00:00.000Z')[1].incidentIds).toEqual(['INC-FRESH']);
      expect(openIncidentsByAge(fresh, '2026-11-30T09:00:00.000Z')[0].incidentIds).toEqual(['INC-FRESH']);
    });
  });

  describe('SLA breaches', () => {
    it('given no new events, when time passes, then breaches appear', () => {
      const all = portfolio().filter((summary) => summary.incidentId === 'INC-FRESH');
      // Unprioritized: P3 targets, response due 14:00.
      expect(slaBreaches(all, policy, '2026-11-30T13:59:00.000Z').any.count).toBe(0);
      expect(slaBreaches(all, policy, '2026-11-30T14:01:00.000Z')).toEqual({
        response: { count: 1, incidentIds: ['INC-FRESH'] },
        resolution: { count: 0, incidentIds: [] },
        any: { count: 1, incidentIds: ['INC-FRESH'] },
      });
    });

    it('lists response and resolution breaches across the portfolio', () => {
      const breaches = slaBreaches(portfolio(), policy, '2026-12-01T09:00:00.000Z');
      // FRESH: unassigned for 23 h; WEEK: P1 unresolved for days; OLD: P4 unresolved for two months.
      expect(breaches.response.incidentIds).toEqual(['INC-FRESH']);
      expect(breaches.resolution.incidentIds).toEqual(['INC-OLD', 'INC-WEEK']);
      expect(breaches.any.count).toBe(3);
    });
  });

  it('lists the review backlog: closed, not yet reviewed, longest waiting first', () => {
    const { inc, events } = story('closed', 'INC-R');
    const reviewed = story('reviewed', 'INC-DONE').events;
    const all = [...portfolio(), ...summaries([...events, ...reviewed])];
    expect(reviewBacklog(all, '2026-12-01T00:00:00.000Z')).toEqual({
      count: 2,
      items: [
        { incidentId: 'INC-R', closedAt: '2026-11-02T14:05:00.000Z', waitingMs: expect.any(Number) },
        { incidentId: 'INC-CLOSED', closedAt: '2026-11-28T12:00:00.000Z', waitingMs: (2 * 24 + 12) * 3_600_000 },
      ],
    });
    const reopened = summaries([...events, inc.reopened()]);
    expect(reviewBacklog(reopened, '2026-12-01T00:00:00.000Z').count).toBe(0);
  });
});
