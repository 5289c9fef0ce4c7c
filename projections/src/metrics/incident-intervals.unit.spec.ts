import type { LedgerEvent } from '@ledger/ledger';
import { ProjectionOrderError } from '../shared/errors';
import { anIncident, given, story, TEST_CONTEXT } from '../testing';
import { incidentIntervalsProjection as projection } from './incident-intervals.projection';
import { isIntervalFact, type IntervalFact } from './interval-fact';

const MIN = 60_000;

const factsOf = (events: readonly LedgerEvent[]): IntervalFact[] =>
  given(projection, events).documents.filter(isIntervalFact);

/** The facts in a compact, readable form. */
const brief = (facts: readonly IntervalFact[]) =>
  facts
    .map(({ metric, cycle, startedAt, endedAt, durationMs, endRevision }) => ({
      metric,
      cycle,
      from: startedAt.slice(5, 16),
      to: endedAt.slice(5, 16),
      minutes: durationMs / MIN,
      endRevision,
    }))
    .sort((a, b) => Number(a.endRevision) - Number(b.endRevision));

describe('incident intervals projection', () => {
  describe('given the standard story to closure', () => {
    const { events } = story('closed');

    it('then it measures triage, assignment, containment, recovery and closure once each', () => {
      expect(brief(factsOf(events))).toEqual([
        { metric: 'time-to-triage', cycle: 1, from: '11-02T09:00', to: '11-02T09:15', minutes: 15, endRevision: '2' },
        { metric: 'time-to-assign', cycle: 1, from: '11-02T09:15', to: '11-02T09:30', minutes: 15, endRevision: '3' },
        { metric: 'time-to-contain', cycle: 1, from: '11-02T09:30', to: '11-02T10:05', minutes: 35, endRevision: '5' },
        { metric: 'time-to-recover', cycle: 1, from: '11-02T09:30', to: '11-02T13:05', minutes: 215, endRevision: '7' },
        { metric: 'time-to-close', cycle: 1, from: '11-02T09:00', to: '11-02T14:05', minutes: 305, endRevision: '8' },
      ]);
    });

    it('then each fact is keyed incidentId:metric:endRevision and labelled for grouping', () => {
      const contain = factsOf(events).find((fact) => fact.metric === 'time-to-contain');
      expect(contain).toEqual({
        kind: 'interval',
        id: 'INC-1:time-to-contain:5',
        incidentId: 'INC-1',
        metric: 'time-to-contain',
        cycle: 1,
        startedAt: '2026-11-02T09:30:00.000Z',
        endedAt: '2026-11-02T10:05:00.000Z',
        startRevision: '3',
        endRevision: '5',
        durationMs: 35 * MIN,
        backdated: false,
        week: '2026-W45',
        month: '2026-11',
        priority: 'P2',
        category: 'malicious-code',
        team: 'soc',
      });
    });

    it('when reviewed, then no interval ends', () => {
      const { events: reviewed } = story('reviewed');
      expect(given(projection, reviewed.slice(0, -1)).when(reviewed[9]).writes).toHaveLength(1);
    });

    it('when reopened and responded to again, then the second cycle is measured from the reopen and both cycles count', () => {
      const { inc, events: closed } = story('closed');
      const facts = factsOf([
        ...closed,
        inc.reopened({ after: '1d' }),
        inc.contained({ after: '2h' }),
        inc.eradicated({ after: '1h' }),
        inc.recovered({ after: '1h' }),
        inc.closed({ after: '1h' }),
      ]);
      expect(brief(facts).filter((fact) => fact.cycle === 2)).toEqual([
        { metric: 'time-to-contain', cycle: 2, from: '11-03T14:05', to: '11-03T16:05', minutes: 120, endRevision: '10' },
        { metric: 'time-to-recover', cycle: 2, from: '11-03T14:05', to: '11-03T18:05', minutes: 240, endRevision: '12' },
        { metric: 'time-to-close', cycle: 2, from: '11-03T14:05', to: '11-03T19:05', minutes: 300, endRevision: '13' },
      ]);
      expect(facts.filter((fact) => fact.metric === 'time-to-contain')).toHaveLength(2);
      // A reopen lands in 'assigned' without anyone waiting for an assignment.
      expect(facts.filter((fact) => fact.metric === 'time-to-assign')).toHaveLength(1);
    });
  });

  it('given an eradication without containment, then no time-to-contain is recorded and recovery runs from assignment', () => {
    const { inc, events } = story('assigned');
    const facts = factsOf([...events, inc.eradicated({ justification: 'Host wiped', after: '1h' }), inc.recovered({ after: '1h' })]);
    expect(facts.map((fact) => fact.metric)).not.toContain('time-to-contain');
    expect(brief(facts).at(-1)).toMatchObject({ metric: 'time-to-recover', from: '11-02T09:30', minutes: 120 });
  });

  it('given a report rejected before triage, when reopened and triaged, then triage and closure run from the reopen', () => {
    const inc = anIncident('INC-2', '2026-11-02T09:00:00.000Z');
    const facts = factsOf([
      inc.logged(),
      inc.categorized({ after: '1m' }),
      inc.rejected({ at: '2026-11-02T09:20:00.000Z' }),
      inc.reopened({ at: '2026-11-02T10:00:00.000Z' }),
      inc.prioritized({ priority: 'P3', at: '2026-11-02T10:30:00.000Z' }),
      inc.assigned({ at: '2026-11-02T11:00:00.000Z' }),
      inc.eradicated({ justification: 'Reimaged', at: '2026-11-02T12:00:00.000Z' }),
      inc.recovered({ at: '2026-11-02T13:00:00.000Z' }),
      inc.closed({ at: '2026-11-02T14:00:00.000Z' }),
    ]);
    expect(brief(facts)).toEqual([
      { metric: 'time-to-triage', cycle: 2, from: '11-02T10:00', to: '11-02T10:30', minutes: 30, endRevision: '4' },
      { metric: 'time-to-assign', cycle: 2, from: '11-02T10:30', to: '11-02T11:00', minutes: 30, endRevision: '5' },
      { metric: 'time-to-recover', cycle: 2, from: '11-02T11:00', to: '11-02T13:00', minutes: 120, endRevision: '7' },
      { metric: 'time-to-close', cycle: 2, from: '11-02T10:00', to: '11-02T14:00', minutes: 240, endRevision: '8' },
    ]);
  });

  it('given a triaged report rejected and reopened, then time-to-assign runs from the reopen, not the first triage', () => {
    const { inc, events } = story('triaged');
    const facts = factsOf([
      ...events,
      inc.rejected({ at: '2026-11-02T09:20:00.000Z' }),
      inc.reopened({ at: '2026-11-02T10:00:00.000Z' }),
      inc.assigned({ at: '2026-11-02T10:45:00.000Z' }),
    ]);
    expect(brief(facts).filter((fact) => fact.metric === 'time-to-assign')).toEqual([
      { metric: 'time-to-assign', cycle: 2, from: '11-02T10:00', to: '11-02T10:45', minutes: 45, endRevision: '5' },
    ]);
  });

  it('given a containment backdated before the assignment, then the duration is 0 and flagged', () => {
    const { inc, events } = story('assigned');
    const [contain] = factsOf([...events, inc.contained({ at: '2026-11-02T09:25:00.000Z' })]).filter(
      (fact) => fact.metric === 'time-to-contain',
    );
    expect(contain).toMatchObject({ durationMs: 0, backdated: true, endedAt: '2026-11-02T09:25:00.000Z' });
  });

  it('given an interval that ends after a week boundary, then it counts in the week and month it ended', () => {
    const inc = anIncident('INC-3', '2026-11-30T23:00:00.000Z');
    const facts = factsOf([inc.logged(), inc.categorized(), inc.prioritized({ at: '2026-12-01T00:10:00.000Z' })]);
    expect(facts).toEqual([expect.objectContaining({ metric: 'time-to-triage', week: '2026-W49', month: '2026-12', durationMs: 70 * MIN })]);
  });

  it('given notes, categorization and reassignment, then they end no interval', () => {
    const { inc, events } = story('assigned');
    const edits = [inc.note(), inc.categorized({ category: 'intrusion' }), inc.assigned({ assignee: 'bob' }), inc.prioritized({ priority: 'P1' })];
    edits.forEach((event, i) => {
      const { writes } = given(projection, [...events, ...edits.slice(0, i)]).when(event);
      expect(writes.map((write) => write.type === 'put' && write.document.kind)).toEqual(['clock']);
    });
  });

  it('given evidence and custody events, then they end no interval, whatever the status', () => {
    const { inc, events } = story('assigned');
    const evidence = [inc.evidenceRegistered(), inc.custodyTransferred(), inc.evidenceReleased(), inc.evidenceDisposed()];
    evidence.forEach((event, i) => {
      const { writes } = given(projection, [...events, ...evidence.slice(0, i)]).when(event);
      expect(writes.map((write) => write.type === 'put' && write.document.kind)).toEqual(['clock']);
    });
    expect(brief(factsOf([...events, ...evidence]))).toEqual(brief(factsOf(events)));
  });

  describe('idempotency and order', () => {
    it('given an applied event, when applied again, then nothing is written', () => {
      const { events } = story('contained');
      const state = given(projection, events);
      expect(state.when(events[5]).writes).toEqual([]);
      expect(state.when(events[2]).writes).toEqual([]);
    });

    it('given every event delivered twice, then the facts equal a single delivery', () => {
      const { events } = story('reviewed');
      expect(given(projection, events.flatMap((event) => [event, event])).documents).toEqual(
        given(projection, events).documents,
      );
    });

    it('given a gap, then it throws', () => {
      const { events } = story('contained');
      expect(() => given(projection, events.slice(0, 3)).when(events[5])).toThrow(ProjectionOrderError);
    });

    it('reads only the incident clock and ignores foreign events', () => {
      const { events } = story('logged');
      expect(projection.documentIds(events[0])).toEqual(['INC-1:clock']);
      expect(projection.apply(new Map(), { ...events[0], type: 'Other' } as never, TEST_CONTEXT)).toEqual([]);
    });
  });
});
