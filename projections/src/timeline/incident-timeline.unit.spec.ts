import { ProjectionOrderError } from '../shared/errors';
import { anIncident, given, story, TEST_CONTEXT } from '../testing';
import { incidentTimelineProjection as projection } from './incident-timeline.projection';
import type { TimelineEntry } from './timeline-entry';

const entry = (state: { document(id: string): TimelineEntry | null }, id: string): TimelineEntry => {
  const doc = state.document(id);
  if (doc === null) throw new Error(`no entry ${id}`);
  return doc;
};

describe('incident timeline projection', () => {
  describe('given the standard story through review', () => {
    const { events } = story('reviewed');
    const timeline = given(projection, events);

    it('then there is one entry per event, keyed incidentId:revision, in order', () => {
      expect(timeline.documents.map((doc) => doc.id).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))).toEqual(
        events.map((_, revision) => `INC-1:${revision}`),
      );
      expect(timeline.documents.map((doc) => doc.sequence).sort((a, b) => a - b)).toEqual(events.map((_, i) => i));
    });

    it('then each entry says who, what, when, and what changed', () => {
      const lines = events.map((_, revision) => {
        const { what, changes } = entry(timeline, `INC-1:${revision}`);
        return { what, changes };
      });
      expect(lines).toEqual([
        {
          what: 'Logged by soc-bot from monitoring: Beaconing to known C2',
          changes: [
            { field: 'status', from: null, to: 'logged' },
            { field: 'title', from: null, to: 'Beaconing to known C2' },
            { field: 'reporter', from: null, to: 'soc-bot' },
          ],
        },
        {
          what: 'Categorized as malicious-code (c2)',
          changes: [
            { field: 'category', from: null, to: 'malicious-code' },
            { field: 'subcategories', from: [], to: ['c2'] },
          ],
        },
        {
          what: 'Prioritized P2 (impact 1, urgency 2)',
          changes: [
            { field: 'status', from: 'logged', to: 'triaged' },
            { field: 'priority', from: null, to: 'P2' },
            { field: 'impact', from: null, to: 1 },
            { field: 'urgency', from: null, to: 2 },
          ],
        },
        {
          what: 'Assigned to alice (soc)',
          changes: [
            { field: 'status', from: 'triaged', to: 'assigned' },
            { field: 'assignee', from: null, to: 'alice' },
            { field: 'team', from: null, to: 'soc' },
          ],
        },
        { what: 'Note by alice: Checked the proxy logs', changes: [] },
        {
          what: 'Contained: Blocked C2 at egress firewall',
          changes: [{ field: 'status', from: 'assigned', to: 'contained' }],
        },
        {
          what: 'Eradicated: Removed the implant',
          changes: [{ field: 'status', from: 'contained', to: 'eradicated' }],
        },
        {
          what: 'Recovered: Host restored from a clean image',
          changes: [{ field: 'status', from: 'eradicated', to: 'recovered' }],
        },
        {
          what: 'Closed as true-positive-with-impact: Resolved',
          changes: [
            { field: 'status', from: 'recovered', to: 'closed' },
            { field: 'resolutionCode', from: null, to: 'true-positive-with-impact' },
          ],
        },
        {
          what: 'Reviewed: root cause: Reused password (1 follow-up action)',
          changes: [{ field: 'status', from: 'closed', to: 'reviewed' }],
        },
      ]);
    });

    it('then an entry carries the envelope: times, actor, ids, hashes and the full data', () => {
      const contained = events[5];
      expect(entry(timeline, 'INC-1:5')).toEqual({
        id: 'INC-1:5',
        incidentId: 'INC-1',
        stream: 'incident-INC-1',
        revision: '5',
        sequence: 5,
        position: contained.position.toString(),
        eventId: contained.eventId,
        type: 'IncidentContained',
        who: { id: 'u-ana', name: 'Ana Lyst' },
        what: 'Contained: Blocked C2 at egress firewall',
        occurredAt: '2026-11-02T10:05:00.000Z',
        recordedAt: '2026-11-02T10:05:00.000Z',
        changes: [{ field: 'status', from: 'assigned', to: 'contained' }],
        state: expect.objectContaining({ status: 'contained', assignee: 'alice', priority: 'P2' }),
        data: { incidentId: 'INC-1', summary: 'Blocked C2 at egress firewall' },
        hash: contained.metadata.hash,
        prevHash: events[4].metadata.hash,
        commandId: contained.metadata.commandId,
        correlationId: contained.metadata.correlationId,
        causationId: contained.metadata.causationId,
      });
      expect(entry(timeline, 'INC-1:0')).toMatchObject({
        occurredAt: '2026-11-02T09:00:00.000Z',
        recordedAt: '2026-11-02T09:00:02.000Z',
        prevHash: '0'.repeat(64),
      });
    });

    it('when reopened, then the entry shows the status going back and the counters moving', () => {
      const { inc, events: history } = story('reviewed');
      const lead = { id: 'u-lead', name: 'Lea Dee' };
      const next = given(projection, history).when(inc.reopened({ reason: 'Beacon seen again', actor: lead }));
      expect(entry(next, 'INC-1:10')).toMatchObject({
        who: { id: 'u-lead', name: 'Lea Dee' },
        what: 'Reopened: Beacon seen again',
        changes: [
          { field: 'status', from: 'reviewed', to: 'assigned' },
          { field: 'resolutionCode', from: 'true-positive-with-impact', to: null },
          { field: 'reopenCount', from: 0, to: 1 },
        ],
      });
    });
  });

  describe('given an assigned incident', () => {
    it('when reassigned, recategorized and reprioritized, then the entries say so with from and to', () => {
      const { inc, events } = story('assigned');
      const timeline = given(projection, [
        ...events,
        inc.assigned({ assignee: 'bob' }),
        inc.categorized({ category: 'intrusion', subcategories: ['c2', 'lateral-movement'] }),
        inc.prioritized({ priority: 'P1' }),
      ]);
      expect(entry(timeline, 'INC-1:4')).toMatchObject({
        what: 'Reassigned from alice to bob',
        changes: [
          { field: 'assignee', from: 'alice', to: 'bob' },
          { field: 'team', from: 'soc', to: null },
        ],
      });
      expect(entry(timeline, 'INC-1:5')).toMatchObject({
        what: 'Recategorized as intrusion (c2, lateral-movement)',
        changes: [
          { field: 'category', from: 'malicious-code', to: 'intrusion' },
          { field: 'subcategories', from: ['c2'], to: ['c2', 'lateral-movement'] },
        ],
      });
      expect(entry(timeline, 'INC-1:6')).toMatchObject({
        what: 'Reprioritized from P2 to P1 (impact 1, urgency 1)',
        changes: [
          { field: 'priority', from: 'P2', to: 'P1' },
          { field: 'urgency', from: 2, to: 1 },
        ],
      });
    });

    it('when eradicated without containment, then the justification is in the summary line', () => {
      const { inc, events } = story('assigned');
      const timeline = given(projection, events).when(inc.eradicated({ summary: 'Reimaged', justification: 'Host was already offline' }));
      expect(entry(timeline, 'INC-1:4').what).toBe(
        'Eradicated without containment: Reimaged (justification: Host was already offline)',
      );
    });

    it('when the same categorization is recorded again, then the entry lists no changes', () => {
      const { inc, events } = story('assigned');
      const timeline = given(projection, events).when(inc.categorized({ category: 'malicious-code', subcategories: ['c2'] }));
      expect(entry(timeline, 'INC-1:4').changes).toEqual([]);
    });
  });

  it('given a triaged incident, when rejected and reopened, then both entries record the status changes', () => {
    const { inc, events } = story('triaged');
    const timeline = given(projection, [...events, inc.rejected({ reason: 'Authorised pentest' }), inc.reopened({ reason: 'Pentest ended last week' })]);
    expect(entry(timeline, 'INC-1:3')).toMatchObject({
      what: 'Rejected: Authorised pentest',
      changes: [{ field: 'status', from: 'triaged', to: 'rejected' }],
    });
    expect(entry(timeline, 'INC-1:4')).toMatchObject({
      what: 'Reopened: Pentest ended last week',
      changes: [
        { field: 'status', from: 'rejected', to: 'triaged' },
        { field: 'reopenCount', from: 0, to: 1 },
      ],
    });
  });

  it('given a note correction and a long note, then the summary line names the corrected note and is shortened', () => {
    const inc = anIncident();
    const long = `Timeline:\n${'x'.repeat(400)}`;
    const timeline = given(projection, [inc.logged(), inc.note({ noteId: 'n1', text: long, author: 'bob' }), inc.note({ noteId: 'n2', correctsNoteId: 'n1', text: 'Wrong host', author: 'bob' })]);
    const note = entry(timeline, 'INC-1:1');
    expect(note.what).toHaveLength('Note by bob: '.length + 200);
    expect(note.what.endsWith('…')).toBe(true);
    expect(note.data).toMatchObject({ text: long });
    expect(entry(timeline, 'INC-1:2').what).toBe('Correction by bob to note n1: Wrong host');
  });

  it('given evidence and its custody, then each entry says what moved where, and changes no tracked field', () => {
    const { inc, events } = story('closed');
    const evidence = [
      inc.evidenceRegistered({ description: 'disk image of WS-042', sha256: `ab12cd34ef56${'0'.repeat(52)}` }),
      inc.custodyTransferred({ from: 'alice', to: 'evidence-locker', purpose: 'forensic imaging', actor: { id: 'u-al', name: 'alice' } }),
      inc.evidenceReleased({ holder: 'evidence-locker', releasedTo: 'police-cyber-unit', authority: 'Legal', reason: 'Prosecution' }),
      inc.evidenceRegistered({ evidenceId: 'ev-2', description: 'Memory of WS-042', kind: 'memory-dump', collectedBy: 'bob' }),
      inc.evidenceDisposed({ evidenceId: 'ev-2', holder: 'bob', method: 'Shredded', authority: 'DPO', reason: 'Retention ended' }),
    ];
    const timeline = given(projection, [...events, ...evidence]);
    const lines = evidence.map((event) => entry(timeline, `INC-1:${event.revision}`));
    expect(lines.map((line) => line.what)).toEqual([
      'Evidence registered: disk image of WS-042 (disk-image, sha256 ab12cd34ef56…), collected by alice',
      'Custody transferred: alice → evidence-locker (forensic imaging)',
      'Evidence released: evidence-locker → police-cyber-unit on the authority of Legal (Prosecution)',
      'Evidence registered: Memory of WS-042 (memory-dump, sha256 ab12ab12ab12…), collected by bob',
      'Evidence disposed of by bob: Shredded, on the authority of DPO (Retention ended)',
    ]);
    expect(lines.map((line) => line.changes)).toEqual(evidence.map(() => []));
    expect(lines.every((line) => line.state.status === 'closed')).toBe(true);
    expect(lines[1]).toMatchObject({ type: 'CustodyTransferred', who: { name: 'alice' }, data: { evidenceId: 'ev-1' } });
    expect(lines[0].data).toMatchObject({ sha256: `ab12cd34ef56${'0'.repeat(52)}` });
  });

  describe('idempotency and order', () => {
    it('given an entry, when its event is applied again, then nothing is written', () => {
      const { events } = story('contained');
      const timeline = given(projection, events);
      expect(timeline.when(events[3]).writes).toEqual([]);
      expect(timeline.when(events[5]).writes).toEqual([]);
    });

    it('given every event delivered twice, then the timeline equals a single delivery', () => {
      const { events } = story('reviewed');
      expect(given(projection, events.flatMap((event) => [event, event])).documents).toEqual(
        given(projection, events).documents,
      );
    });

    it('given a gap, when a later event arrives, then it throws and writes nothing', () => {
      const { events } = story('assigned');
      const timeline = given(projection, events.slice(0, 2));
      expect(() => timeline.when(events[3])).toThrow(ProjectionOrderError);
    });

    it('needs the previous entry and its own, and nothing for foreign events', () => {
      const { events } = story('triaged');
      expect(projection.documentIds(events[0])).toEqual(['INC-1:0']);
      expect(projection.documentIds(events[2])).toEqual(['INC-1:1', 'INC-1:2']);
      expect(projection.documentIds({ ...events[0], type: 'Other' } as never)).toEqual([]);
      expect(projection.apply(new Map(), { ...events[0], type: 'Other' } as never, TEST_CONTEXT)).toEqual([]);
    });
  });
});
