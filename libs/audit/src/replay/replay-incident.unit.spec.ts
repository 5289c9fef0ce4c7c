import type { LedgerEvent } from '@ledger/ledger';
import { anIncident } from '../../../../projections/src/testing';
import { replayIncident } from './replay-incident';
import { diffState } from './state-diff';

const lifecycle = (): LedgerEvent[] => {
  const inc = anIncident('INC-1', '2026-03-01T08:00:00.000Z');
  return [
    inc.logged({ title: 'Beaconing from WS-042', reporter: 'ana' }),
    inc.categorized({ category: 'malicious-code', subcategories: ['c2-server'] }),
    inc.prioritized({ priority: 'P2' }),
    inc.assigned({ assignee: 'alice', team: 'soc-tier2', actor: { id: 'u-lead', name: 'lead' } }),
    inc.contained({ summary: 'Isolated the host' }),
    inc.note({ text: 'Proxy logs checked', author: 'alice' }),
    inc.eradicated(),
    inc.recovered(),
    inc.closed({ resolutionCode: 'true-positive-with-impact', summary: 'Done' }),
  ];
};

describe('replayIncident', () => {
  it('gives one step per event with the envelope facts and the state after it', () => {
    const events = lifecycle();
    const replay = replayIncident('INC-1', 'incident-INC-1', events);
    expect(replay.steps).toHaveLength(events.length);
    expect(replay.totalEvents).toBe(events.length);
    expect(replay.steps.map((step) => step.revision)).toEqual(events.map((_, i) => String(i)));
    expect(replay.steps.map((step) => step.state.status)).toEqual([
      'logged',
      'logged',
      'triaged',
      'assigned',
      'contained',
      'contained',
      'eradicated',
      'recovered',
      'closed',
    ]);
    const assigned = replay.steps[3]!;
    expect(assigned).toMatchObject({
      type: 'IncidentAssigned',
      position: events[3]!.position.toString(),
      eventId: events[3]!.eventId,
      actor: { id: 'u-lead', name: 'lead' },
      occurredAt: events[3]!.metadata.occurredAt,
      recordedAt: events[3]!.metadata.recordedAt,
      hash: events[3]!.metadata.hash,
      prevHash: events[2]!.metadata.hash,
      what: 'Assigned to alice (soc-tier2)',
    });
    expect(assigned.state).toMatchObject({ assignee: 'alice', team: 'soc-tier2', title: 'Beaconing from WS-042' });
  });

  it('lists field-level changes from → to, nested fields by path', () => {
    const replay = replayIncident('INC-1', 'incident-INC-1', lifecycle());
    const [logged, categorized, prioritized, assigned, contained, note] = replay.steps;
    expect(logged!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'none', to: 'logged' },
        { field: 'title', from: null, to: 'Beaconing from WS-042' },
        { field: 'reporter', from: null, to: 'ana' },
      ]),
    );
    expect(categorized!.changes).toEqual([
      { field: 'category', from: null, to: 'malicious-code' },
      { field: 'subcategories', from: [], to: ['c2-server'] },
      { field: 'taxonomyVersion', from: null, to: 'rsit-2025' },
    ]);
    expect(prioritized!.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'logged', to: 'triaged' },
        { field: 'priority.priority', from: null, to: 'P2' },
      ]),
    );
    expect(assigned!.changes).toEqual([
      { field: 'status', from: 'triaged', to: 'assigned' },
      { field: 'assignee', from: null, to: 'alice' },
      { field: 'team', from: null, to: 'soc-tier2' },
    ]);
    expect(contained!.changes).toEqual([
      { field: 'status', from: 'assigned', to: 'contained' },
      { field: 'contained', from: false, to: true },
    ]);
    expect(note!.changes).toEqual([
      { field: 'notes[0]', from: null, to: { noteId: 'note-5', text: 'Proxy logs checked', author: 'alice' } },
    ]);
  });

  it('shows a reopen clearing the resolution', () => {
    const inc = anIncident('INC-2');
    const events: LedgerEvent[] = [inc.logged(), inc.categorized(), inc.prioritized(), inc.assigned(), inc.contained()];
    events.push(inc.eradicated(), inc.recovered(), inc.closed({ summary: 'Done' }));
    events.push(inc.reopened({ reason: 'Seen again' }));
    const reopened = replayIncident('INC-2', 'incident-INC-2', events).steps.at(-1)!;
    expect(reopened.what).toBe('Reopened: Seen again');
    expect(reopened.changes).toEqual(
      expect.arrayContaining([
        { field: 'status', from: 'closed', to: 'assigned' },
        { field: 'contained', from: true, to: false },
        { field: 'reopenCount', from: 0, to: 1 },
        { field: 'resolution.code', from: 'true-positive-with-impact', to: null },
        { field: 'resolution.summary', from: 'Done', to: null },
      ]),
    );
  });

  it('stops at asOf: only events recorded at or before that instant', () => {
    const events = lifecycle();
    const cutAt = new Date(events[3]!.metadata.recordedAt);
    const replay = replayIncident('INC-1', 'incident-INC-1', events, { asOf: cutAt });
    expect(replay.asOf).toBe(cutAt.toISOString());
    expect(replay.steps).toHaveLength(4);
    expect(replay.steps.at(-1)!.state.status).toBe('assigned');

    const justBefore = new Date(cutAt.getTime() - 1);
    expect(replayIncident('INC-1', 'incident-INC-1', events, { asOf: justBefore }).steps).toHaveLength(3);
  });

  it('before the first event: no steps, but says when the first was recorded', () => {
    const events = lifecycle();
    const replay = replayIncident('INC-1', 'incident-INC-1', events, { asOf: new Date('2020-01-01T00:00:00Z') });
    expect(replay.steps).toEqual([]);
    expect(replay.totalEvents).toBe(events.length);
    expect(replay.firstRecordedAt).toBe(events[0]!.metadata.recordedAt);
  });

  it('lists an event type it does not know without changing the state', () => {
    const inc = anIncident('INC-3');
    const logged = inc.logged();
    const future = { ...inc.note(), type: 'SomethingNew' } as unknown as LedgerEvent;
    const [, step] = replayIncident('INC-3', 'incident-INC-3', [logged, future]).steps;
    expect(step!.what).toContain('SomethingNew');
    expect(step!.changes).toEqual([]);
  });
});

describe('diffState', () => {
  it('ignores key order and reports removed fields', () => {
    expect(diffState({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toEqual([]);
    expect(diffState({ a: 1, b: 2 }, { a: 1 })).toEqual([{ field: 'b', from: 2, to: null }]);
  });
});
