import { decide } from './decide';
import { incidentDecider } from './decider';
import { initialIncidentState } from './incident-state';
import { PRIORITY_MATRIX } from './priority-matrix';
import { RSIT_TAXONOMY } from './taxonomy';
import { DeciderSpecification } from './testing/decider-specification';
import { ACTOR, commands, events, historyFor, INCIDENT_ID } from './testing/incident-fixtures';
import type { ImpactLevel, UrgencyLevel } from './vocabulary';

const spec = DeciderSpecification.for(incidentDecider);
const LOGGED_ALLOWS = [
  'CategorizeIncident',
  'PrioritizeIncident',
  'RejectIncident',
  'AddNote',
  'RegisterEvidence',
  'TransferCustody',
  'ReleaseEvidence',
  'DisposeEvidence',
] as const;

describe('logging an incident', () => {
  it('records the report with the authenticated actor as reporter', () => {
    spec
      .given([])
      .when(commands.log({}, { actor: { id: 'user-7', name: 'dana' } }))
      .then([events.logged({ reporter: 'dana' })]);
  });

  it('trims the title and description', () => {
    spec
      .given([])
      .when(commands.log({ title: '  Phish  ', description: ' fake SSO page\n' }))
      .then([events.logged({ title: 'Phish', description: 'fake SSO page' })]);
  });

  it('accepts an empty description but not a blank title', () => {
    spec.given([]).when(commands.log({ description: '' })).then([events.logged({ description: '' })]);
    spec.given([]).when(commands.log({ title: '   ' })).thenFails({ type: 'RuleViolation', field: 'title' });
  });

  it('refuses an unknown source', () => {
    spec
      .given([])
      .when(commands.log({ source: 'rumour' as never }))
      .thenFails({ type: 'RuleViolation', command: 'LogIncident', field: 'source' });
  });

  it('refuses to log the same incident twice', () => {
    spec.given([events.logged()]).when(commands.log()).thenFails({
      type: 'IllegalTransition',
      state: 'logged',
      allowed: [...LOGGED_ALLOWS],
    });
  });

  it('answers IncidentNotFound to anything else before the incident is logged', () => {
    spec.given([]).when(commands.contain()).thenFails({
      type: 'IncidentNotFound',
      incidentId: INCIDENT_ID,
      message: `Incident '${INCIDENT_ID}' does not exist; log it first`,
    });
  });

  it('needs a clean incident id', () => {
    for (const incidentId of ['', '  ', ' inc-1 ']) {
      spec.given([]).when(commands.log({ incidentId })).thenFails({ type: 'RuleViolation', field: 'incidentId' });
    }
  });

  it('refuses a command addressed to another incident', () => {
    spec
      .given([events.logged()])
      .when(commands.categorize({ incidentId: 'inc-9999' }))
      .thenFails({ type: 'RuleViolation', field: 'incidentId' });
  });
});

describe('triage: categorize and prioritize, in either order', () => {
  it('stays logged after only one of the two', () => {
    spec.given([events.logged()]).when(commands.categorize()).thenState({ status: 'logged', category: 'fraud' });
    spec.given([events.logged()]).when(commands.prioritize()).thenState({ status: 'logged' });
  });

  it('is triaged when prioritized after categorizing', () => {
    spec.given([events.logged(), events.categorized()]).when(commands.prioritize()).then([events.prioritized()]);
    spec.given([events.logged(), events.categorized()]).when(commands.prioritize()).thenState({ status: 'triaged' });
  });

  it('is triaged when categorized after prioritizing', () => {
    spec.given([events.logged(), events.prioritized()]).when(commands.categorize()).then([events.categorized()]);
    spec.given([events.logged(), events.prioritized()]).when(commands.categorize()).thenState({ status: 'triaged' });
  });

  it('cannot assign before triage is complete', () => {
    spec.given([events.logged(), events.categorized()]).when(commands.assign()).thenFails({
      type: 'IllegalTransition',
      command: 'AssignIncident',
      state: 'logged',
      allowed: [...LOGGED_ALLOWS],
      message: `Cannot AssignIncident an incident in state 'logged'; allowed: ${LOGGED_ALLOWS.join(', ')}`,
    });
  });
});

describe('categorizing with the RSIT taxonomy', () => {
  const given = [events.logged()];

  it('records the class, its types and the taxonomy version', () => {
    spec
      .given(given)
      .when(commands.categorize({ category: 'intrusions', subcategories: ['system-compromise', 'privileged-account-compromise'] }))
      .then([
        events.categorized({
          category: 'intrusions',
          subcategories: ['system-compromise', 'privileged-account-compromise'],
          taxonomyVersion: RSIT_TAXONOMY.version,
        }),
      ]);
  });

  it('drops repeated types', () => {
    spec
      .given(given)
      .when(commands.categorize({ subcategories: ['phishing', 'masquerade', 'phishing'] }))
      .then([events.categorized({ subcategories: ['phishing', 'masquerade'] })]);
  });

  it('refuses a class that is not in the taxonomy', () => {
    spec
      .given(given)
      .when(commands.categorize({ category: 'malware', subcategories: ['infected-system'] }))
      .thenFails({ type: 'RuleViolation', command: 'CategorizeIncident', field: 'category' });
  });

  it('refuses a type of another class', () => {
    spec
      .given(given)
      .when(commands.categorize({ category: 'fraud', subcategories: ['phishing', 'spam'] }))
      .thenFails({ type: 'RuleViolation', field: 'subcategories', reason: `"spam" is not an incident type of class 'fraud'` });
  });

  it('refuses an unknown type', () => {
    spec
      .given(given)
      .when(commands.categorize({ category: 'availability', subcategories: ['ransomware'] }))
      .thenFails({ type: 'RuleViolation', field: 'subcategories' });
  });

  it('needs at least one type', () => {
    spec
      .given(given)
      .when(commands.categorize({ subcategories: [] }))
      .thenFails({ type: 'RuleViolation', field: 'subcategories' });
  });
});

describe('prioritizing with the ITIL impact x urgency matrix', () => {
  const cells: Array<[ImpactLevel, UrgencyLevel, string]> = [
    [1, 1, 'P1'],
    [1, 2, 'P2'],
    [1, 3, 'P3'],
    [2, 1, 'P2'],
    [2, 2, 'P3'],
    [2, 3, 'P4'],
    [3, 1, 'P3'],
    [3, 2, 'P4'],
    [3, 3, 'P5'],
  ];

  it.each(cells)('impact %i, urgency %i is %s', (impact, urgency, priority) => {
    spec
      .given([events.logged()])
      .when(commands.prioritize({ impact, urgency }))
      .then([events.prioritized({ impact, urgency, priority: priority as never, matrixVersion: PRIORITY_MATRIX.version })]);
  });

  it.each([
    ['impact', { impact: 0 }],
    ['impact', { impact: 4 }],
    ['impact', { impact: '1' }],
    ['urgency', { urgency: 1.5 }],
    ['urgency', { urgency: undefined }],
  ])('refuses %s out of range: %j', (field, data) => {
    spec
      .given([events.logged()])
      .when(commands.prioritize(data as never))
      .thenFails({ type: 'RuleViolation', command: 'PrioritizeIncident', field });
  });
});

describe('editing triage while the incident is open', () => {
  const open = ['triaged', 'assigned', 'contained', 'eradicated', 'recovered'] as const;
  const finished = ['closed', 'reviewed', 'rejected'] as const;

  it.each(open)("re-categorizes in '%s' without changing the status", (status) => {
    const recategorize = commands.categorize({ category: 'malicious-code', subcategories: ['c2-server'] });
    spec
      .given(historyFor(status))
      .when(recategorize)
      .then([events.categorized({ category: 'malicious-code', subcategories: ['c2-server'] })]);
    spec
      .given(historyFor(status))
      .when(recategorize)
      .thenState({ status, category: 'malicious-code', subcategories: ['c2-server'] });
  });

  it.each(open)("re-prioritizes in '%s' without changing the status", (status) => {
    spec
      .given(historyFor(status))
      .when(commands.prioritize({ impact: 1, urgency: 1 }))
      .thenState({ status, priority: { impact: 1, urgency: 1, priority: 'P1', matrixVersion: PRIORITY_MATRIX.version } });
  });

  it.each(open)("assigns in '%s'; a reassignment never moves the status back", (status) => {
    const expected = status === 'triaged' ? 'assigned' : status;
    spec.given(historyFor(status)).when(commands.assign({ assignee: 'carol' })).thenState({ status: expected, assignee: 'carol' });
  });

  it('reassigning without a team clears the previous team', () => {
    spec
      .given(historyFor('contained'))
      .when(commands.assign({ assignee: 'carol', team: undefined }))
      .then([events.assigned({ assignee: 'carol', team: undefined })]);
    spec
      .given(historyFor('contained'))
      .when(commands.assign({ assignee: 'carol', team: undefined }))
      .thenState({ assignee: 'carol', team: undefined });
  });

  it('refuses a blank assignee', () => {
    spec.given(historyFor('triaged')).when(commands.assign({ assignee: ' ' })).thenFails({ type: 'RuleViolation', field: 'assignee' });
  });

  it.each(finished)("refuses re-categorize, re-prioritize and reassign in '%s'", (status) => {
    for (const command of [commands.categorize(), commands.prioritize(), commands.assign()]) {
      spec.given(historyFor(status)).when(command).thenFails({ type: 'IllegalTransition', command: command.type, state: status });
    }
  });
});

describe('rejecting at triage', () => {
  it.each(['logged', 'triaged'] as const)("rejects in '%s'", (status) => {
    spec.given(historyFor(status)).when(commands.reject()).then([events.rejected()]);
    spec.given(historyFor(status)).when(commands.reject()).thenState({ status: 'rejected', rejectionReason: events.rejected().data.reason });
  });

  it('refuses once the incident is assigned', () => {
    spec.given(historyFor('assigned')).when(commands.reject()).thenFails({ type: 'IllegalTransition', state: 'assigned' });
  });

  it('needs a reason', () => {
    spec.given(historyFor('logged')).when(commands.reject({ reason: '' })).thenFails({ type: 'RuleViolation', field: 'reason' });
  });
});

describe('decide is pure', () => {
  it('gives the same answer for the same input and leaves the state alone', () => {
    const state = Object.freeze(initialIncidentState());
    const command = commands.log({}, { actor: ACTOR });
    expect(decide(command, state)).toEqual(decide(command, state));
    expect(state).toEqual(initialIncidentState());
  });
});
