import { ProjectionOrderError } from '../shared/errors';
import { anIncident, given, story, TEST_CONTEXT } from '../testing';
import type { IncidentSummary } from './incident-summary';
import { incidentSummaryProjection as projection } from './incident-summary.projection';

const summaryOf = (state: { document(id: string): IncidentSummary | null }, id = 'INC-1'): IncidentSummary => {
  const doc = state.document(id);
  if (doc === null) throw new Error(`no summary for ${id}`);
  return doc;
};

describe('incident summary projection', () => {
  describe('given no events', () => {
    it('when IncidentLogged, then it opens the summary', () => {
      const [logged] = story('logged').events;
      const summary = summaryOf(given(projection, []).when(logged));
      expect(summary).toMatchObject({
        id: 'INC-1',
        incidentId: 'INC-1',
        stream: 'incident-INC-1',
        status: 'logged',
        title: 'Beaconing to known C2',
        description: 'Impossible travel for a VPN user',
        reporter: 'soc-bot',
        source: 'monitoring',
        incidentOccurredAt: '2026-11-02T08:40:00.000Z',
        detectedAt: null,
        openedAt: '2026-11-02T09:00:00.000Z',
        loggedAt: '2026-11-02T09:00:02.000Z',
        category: null,
        subcategories: [],
        priority: null,
        assignee: null,
        team: null,
        reopenCount: 0,
        lastReopenedAt: null,
        closedAt: null,
        resolutionCode: null,
        rejectionReason: null,
        noteCount: 0,
        lastEventType: 'IncidentLogged',
        lastEventAt: '2026-11-02T09:00:00.000Z',
        lastRecordedAt: '2026-11-02T09:00:02.000Z',
        lastRevision: '0',
        lastPosition: logged.position.toString(),
        lastEventId: logged.eventId,
      });
      expect(summary.phases.logged).toEqual({
        firstReachedAt: '2026-11-02T09:00:00.000Z',
        lastReachedAt: '2026-11-02T09:00:00.000Z',
        count: 1,
      });
      expect(summary.phases.triaged).toBeNull();
      // Unprioritized: the policy's default priority (P3: 4 h / 24 h) applies.
      expect(summary.sla).toMatchObject({
        policyVersion: TEST_CONTEXT.slaPolicy.version,
        evaluatedAt: '2026-11-02T09:00:00.000Z',
        responseDueAt: '2026-11-02T13:00:00.000Z',
        resolutionDueAt: '2026-11-03T09:00:00.000Z',
        responseStoppedAt: null,
        resolutionStoppedAt: null,
        responseBreached: false,
        resolutionBreached: false,
      });
    });

    it('when the first event is not revision 0, then it refuses the gap', () => {
      const [, categorized] = story('categorized').events;
      expect(() => given(projection, []).when(categorized)).toThrow(ProjectionOrderError);
    });
  });

  describe('given a logged incident', () => {
    it('when categorized, then it records the category and stays logged until prioritized', () => {
      const [logged, categorized] = story('categorized').events;
      const summary = summaryOf(given(projection, [logged]).when(categorized));
      expect(summary).toMatchObject({
        status: 'logged',
        category: 'malicious-code',
        subcategories: ['c2'],
        taxonomyVersion: 'rsit-2025',
      });
      expect(summary.phases.triaged).toBeNull();
    });

    it('when also prioritized, then it is triaged with the priority inputs and P2 due times', () => {
      const [logged, categorized, prioritized] = story('triaged').events;
      const summary = summaryOf(given(projection, [logged, categorized]).when(prioritized));
      expect(summary).toMatchObject({
        status: 'triaged',
        priority: 'P2',
        impact: 1,
        urgency: 2,
        matrixVersion: 'itil-3x3-v1',
      });
      expect(summary.phases.triaged?.firstReachedAt).toBe('2026-11-02T09:15:00.000Z');
      // Due times run from openedAt with the new target: P2 responds in 1 h and resolves in 8 h.
      expect(summary.sla.responseDueAt).toBe('2026-11-02T10:00:00.000Z');
      expect(summary.sla.resolutionDueAt).toBe('2026-11-02T17:00:00.000Z');
    });

    it('when prioritized before categorized, then it is triaged once both are set', () => {
      const inc = anIncident();
      const events = [inc.logged(), inc.prioritized({ priority: 'P4' })];
      const state = given(projection, events);
      expect(summaryOf(state).status).toBe('logged');
      expect(summaryOf(state.when(inc.categorized())).status).toBe('triaged');
    });
  });

  describe('given a full response', () => {
    it('then every phase, the closure and the stopped SLA clocks are recorded', () => {
      const summary = summaryOf(given(projection, story('closed').events));
      expect(summary).toMatchObject({
        status: 'closed',
        assignee: 'alice',
        team: 'soc',
        noteCount: 1,
        closedAt: '2026-11-02T14:05:00.000Z',
        resolutionCode: 'true-positive-with-impact',
        lastRevision: '8',
      });
      expect(summary.phases).toMatchObject({
        assigned: { firstReachedAt: '2026-11-02T09:30:00.000Z', count: 1 },
        contained: { firstReachedAt: '2026-11-02T10:05:00.000Z', count: 1 },
        eradicated: { firstReachedAt: '2026-11-02T11:05:00.000Z', count: 1 },
        recovered: { firstReachedAt: '2026-11-02T13:05:00.000Z', count: 1 },
        closed: { firstReachedAt: '2026-11-02T14:05:00.000Z', count: 1 },
        reviewed: null,
        rejected: null,
      });
      expect(summary.sla).toMatchObject({
        responseDueAt: '2026-11-02T10:00:00.000Z',
        resolutionDueAt: '2026-11-02T17:00:00.000Z',
        responseStoppedAt: '2026-11-02T09:30:00.000Z',
        resolutionStoppedAt: '2026-11-02T13:05:00.000Z',
        responseBreached: false,
        resolutionBreached: false,
      });
    });

    it('when reviewed, then it is reviewed and keeps its closure time', () => {
      const { events } = story('reviewed');
      const summary = summaryOf(given(projection, events.slice(0, -1)).when(events[events.length - 1]));
      expect(summary.status).toBe('reviewed');
      expect(summary.closedAt).toBe('2026-11-02T14:05:00.000Z');
      expect(summary.phases.reviewed?.firstReachedAt).toBe('2026-11-03T14:05:00.000Z');
    });

    it('when reopened, then the response restarts in assigned, closedAt clears and the resolution clock restarts', () => {
      const { inc, events } = story('reviewed');
      const summary = summaryOf(given(projection, events).when(inc.reopened({ after: '1d' })));
      expect(summary).toMatchObject({
        status: 'assigned',
        reopenCount: 1,
        lastReopenedAt: '2026-11-04T14:05:00.000Z',
        closedAt: null,
        resolutionCode: null,
        assignee: 'alice',
      });
      expect(summary.phases.assigned).toEqual({
        firstReachedAt: '2026-11-02T09:30:00.000Z',
        lastReachedAt: '2026-11-04T14:05:00.000Z',
        count: 2,
      });
      // The response was given long ago and is not redone; resolution gets a new P2 window.
      expect(summary.sla).toMatchObject({
        responseStoppedAt: '2026-11-02T09:30:00.000Z',
        resolutionStoppedAt: null,
        resolutionDueAt: '2026-11-04T22:05:00.000Z',
        resolutionBreached: false,
      });
    });

    it('when contained again after a reopen, then the phase keeps its first time and moves its last', () => {
      const { inc, events } = story('closed');
      const state = given(projection, [...events, inc.reopened({ after: '1d' })]);
      const summary = summaryOf(state.when(inc.contained({ after: '2h' })));
      expect(summary.status).toBe('contained');
      expect(summary.phases.contained).toEqual({
        firstReachedAt: '2026-11-02T10:05:00.000Z',
        lastReachedAt: '2026-11-03T16:05:00.000Z',
        count: 2,
      });
    });
  });

  describe('given an assigned incident', () => {
    it('when reassigned without a team, then the assignee changes, the team clears and the status stays', () => {
      const { inc, events } = story('assigned');
      const summary = summaryOf(given(projection, events).when(inc.assigned({ assignee: 'bob' })));
      expect(summary).toMatchObject({ status: 'assigned', assignee: 'bob', team: null });
      expect(summary.phases.assigned?.count).toBe(1);
    });

    it('when recategorized and reprioritized, then the fields change and the status stays', () => {
      const { inc, events } = story('assigned');
      const state = given(projection, [...events, inc.categorized({ category: 'intrusion', subcategories: [] })]);
      const summary = summaryOf(state.when(inc.prioritized({ priority: 'P1' })));
      expect(summary).toMatchObject({
        status: 'assigned',
        category: 'intrusion',
        subcategories: [],
        priority: 'P1',
        impact: 1,
        urgency: 1,
      });
    });

    it('when eradicated without containment, then it goes straight to eradicated', () => {
      const { inc, events } = story('assigned');
      const summary = summaryOf(given(projection, events).when(inc.eradicated({ justification: 'Host already wiped' })));
      expect(summary.status).toBe('eradicated');
      expect(summary.phases.contained).toBeNull();
    });
  });

  describe('given a triaged incident', () => {
    it('when rejected, then it is rejected with the reason and both SLA clocks stop', () => {
      const { inc, events } = story('triaged');
      const summary = summaryOf(given(projection, events).when(inc.rejected({ reason: 'Authorised pentest', after: '20m' })));
      expect(summary).toMatchObject({ status: 'rejected', rejectionReason: 'Authorised pentest' });
      expect(summary.phases.rejected?.firstReachedAt).toBe('2026-11-02T09:35:00.000Z');
      expect(summary.sla).toMatchObject({
        responseStoppedAt: '2026-11-02T09:35:00.000Z',
        resolutionStoppedAt: '2026-11-02T09:35:00.000Z',
      });
    });

    it('when reopened after a rejection, then it returns to triaged (both set) and both clocks restart', () => {
      const { inc, events } = story('triaged');
      const state = given(projection, [...events, inc.rejected({ after: '20m' })]);
      const summary = summaryOf(state.when(inc.reopened({ after: '1h' })));
      expect(summary).toMatchObject({ status: 'triaged', rejectionReason: null, reopenCount: 1 });
      expect(summary.phases.triaged?.count).toBe(2);
      expect(summary.sla).toMatchObject({
        responseStoppedAt: null,
        resolutionStoppedAt: null,
        // Reopened at 10:35; P2 responds within 1 h of the reopen.
        responseDueAt: '2026-11-02T11:35:00.000Z',
        resolutionDueAt: '2026-11-02T18:35:00.000Z',
      });
    });
  });

  it('given a rejection before triage, when reopened, then it returns to logged', () => {
    const inc = anIncident();
    const summary = summaryOf(given(projection, [inc.logged(), inc.categorized(), inc.rejected()]).when(inc.reopened()));
    expect(summary.status).toBe('logged');
    expect(summary.phases.logged?.count).toBe(2);
  });

  it('given notes, then each note and correction counts and moves only the markers', () => {
    const inc = anIncident();
    const state = given(projection, [inc.logged(), inc.note({ noteId: 'n1' })]);
    const before = summaryOf(state);
    const after = summaryOf(state.when(inc.note({ noteId: 'n2', correctsNoteId: 'n1' })));
    expect(after).toEqual({
      ...before,
      noteCount: 2,
      lastEventAt: '2026-11-02T09:02:00.000Z',
      lastRecordedAt: '2026-11-02T09:02:00.000Z',
      lastRevision: '2',
      lastPosition: expect.any(String),
      lastEventId: 'INC-1-e2',
      sla: { ...before.sla, evaluatedAt: '2026-11-02T09:02:00.000Z' },
    });
  });

  it('given evidence, then each registered item counts once, custody changes move only the markers', () => {
    const inc = anIncident();
    const logged = inc.logged();
    const before = summaryOf(given(projection, [logged]));
    expect(before.evidenceCount).toBe(0);
    const evidence = [
      inc.evidenceRegistered(),
      inc.custodyTransferred(),
      inc.evidenceReleased(),
      inc.evidenceRegistered({ evidenceId: 'ev-2' }),
      inc.evidenceDisposed({ evidenceId: 'ev-2' }),
    ];
    expect(summaryOf(given(projection, [logged, evidence[0]])).evidenceCount).toBe(1);
    const after = summaryOf(given(projection, [logged, ...evidence]));
    expect(after).toMatchObject({ evidenceCount: 2, status: 'logged', noteCount: 0, lastEventType: 'EvidenceDisposed', lastRevision: '5' });
    expect(after.phases).toEqual(before.phases);
    expect(after.sla.clocks).toEqual(before.sla.clocks);
  });

  it('given a summary written before evidence existed (no evidenceCount), then registering counts from 0', () => {
    const inc = anIncident();
    const { evidenceCount: _, ...older } = summaryOf(given(projection, [inc.logged()]));
    const next = projection.apply(new Map([['INC-1', older as never]]), inc.evidenceRegistered(), TEST_CONTEXT);
    expect(next).toEqual([{ type: 'put', document: expect.objectContaining({ evidenceCount: 1 }) }]);
  });

  describe('idempotency and order', () => {
    it('given an applied event, when it is applied again, then nothing is written and the document is unchanged', () => {
      const { events } = story('triaged');
      const state = given(projection, events);
      const again = state.when(events[2]);
      expect(again.writes).toEqual([]);
      expect(again.document('INC-1')).toBe(state.document('INC-1'));
    });

    it('given later events, when an old revision arrives, then it is skipped', () => {
      const { events } = story('assigned');
      const state = given(projection, events);
      expect(state.when(events[1]).writes).toEqual([]);
      expect(summaryOf(state).lastRevision).toBe('3');
    });

    it('given a gap in the revisions, then it throws instead of guessing', () => {
      const { events } = story('assigned');
      const state = given(projection, events.slice(0, 2));
      expect(() => state.when(events[3])).toThrow(
        expect.objectContaining({ name: 'ProjectionOrderError', missingRevision: '2', actualRevision: '3' }),
      );
    });

    it('given every event delivered twice, then the result equals a single delivery', () => {
      const { events } = story('reviewed');
      const doubled = events.flatMap((event) => [event, event]);
      expect(given(projection, doubled).documents).toEqual(given(projection, events).documents);
    });

    it('given interleaved incidents, then each summary follows its own stream', () => {
      const a = story('closed', 'INC-A').events;
      const b = story('assigned', 'INC-B').events;
      const interleaved = a.flatMap((event, i) => (b[i] === undefined ? [event] : [event, b[i]]));
      const state = given(projection, interleaved);
      expect(summaryOf(state, 'INC-A').status).toBe('closed');
      expect(summaryOf(state, 'INC-B').status).toBe('assigned');
    });
  });

  it('ignores events that are not incident events', () => {
    const foreign = { ...story('logged').events[0], type: 'LedgerSealed' } as never;
    expect(projection.documentIds(foreign)).toEqual([]);
    expect(projection.apply(new Map(), foreign, TEST_CONTEXT)).toEqual([]);
  });

  it('stores JSON-safe documents (no bigints; round-trips through JSON)', () => {
    const summary = summaryOf(given(projection, story('closed').events));
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});
