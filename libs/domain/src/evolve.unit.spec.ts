import { evolve, foldIncident } from './evolve';
import { initialIncidentState } from './incident-state';
import { PRIORITY_MATRIX } from './priority-matrix';
import { RSIT_TAXONOMY } from './taxonomy';
import { events } from './testing/incident-fixtures';

describe('evolve and foldIncident', () => {
  it('starts from nothing', () => {
    expect(foldIncident([])).toEqual({
      status: 'none',
      subcategories: [],
      contained: false,
      reopenCount: 0,
      notes: [],
      evidence: {},
    });
  });

  it('folds the main path into the full incident', () => {
    const state = foldIncident([
      events.logged({ occurredAt: '2024-04-30T07:00:00Z' }),
      events.categorized(),
      events.prioritized(),
      events.assigned(),
      events.contained(),
      events.eradicated(),
      events.recovered(),
      events.closed(),
      events.reviewed(),
    ]);
    expect(state).toEqual({
      status: 'reviewed',
      incidentId: 'inc-0001',
      title: 'Credential phishing wave',
      description: 'Several staff received a fake SSO login page.',
      source: 'user-report',
      reporter: 'alice',
      occurredAt: '2024-04-30T07:00:00Z',
      category: 'fraud',
      subcategories: ['phishing'],
      taxonomyVersion: RSIT_TAXONOMY.version,
      priority: { impact: 2, urgency: 1, priority: 'P2', matrixVersion: PRIORITY_MATRIX.version },
      assignee: 'bob',
      team: 'csirt',
      contained: true,
      resolution: { code: 'true-positive-with-impact', summary: 'Three accounts compromised; all reset.' },
      review: {
        rootCause: 'No phishing-resistant MFA for SSO.',
        lessonsLearned: 'Report button worked; detection was slow.',
        actions: ['Roll out FIDO2 keys'],
      },
      reopenCount: 0,
      notes: [],
      evidence: {},
    });
  });

  it('keeps the latest category and priority', () => {
    const state = foldIncident([
      events.logged(),
      events.categorized(),
      events.prioritized(),
      events.categorized({ category: 'availability', subcategories: ['ddos'] }),
      events.prioritized({ impact: 1, urgency: 1, priority: 'P1' }),
    ]);
    expect(state).toMatchObject({ status: 'triaged', category: 'availability', subcategories: ['ddos'], priority: { priority: 'P1' } });
  });

  it('does not mutate the state it is given', () => {
    const before = foldIncident([events.logged(), events.categorized()]);
    const snapshot = JSON.parse(JSON.stringify(before));
    Object.freeze(before);
    const after = evolve(before, events.noteAdded());
    expect(before).toEqual(snapshot);
    expect(after).not.toBe(before);
    expect(after.notes).toHaveLength(1);
  });

  it('keeps the status for an event the table does not allow in that state (history written under an older table)', () => {
    const state = foldIncident([events.logged()]);
    expect(evolve(state, events.closed()).status).toBe('logged');
    expect(evolve(state, events.closed()).resolution).toEqual({ code: 'true-positive-with-impact', summary: 'Three accounts compromised; all reset.' });
  });

  it('starts a fold from a given state', () => {
    const logged = foldIncident([events.logged()]);
    expect(foldIncident([events.categorized(), events.prioritized()], logged).status).toBe('triaged');
    expect(initialIncidentState().status).toBe('none');
  });
});
