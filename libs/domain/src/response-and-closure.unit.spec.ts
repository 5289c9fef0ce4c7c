import { decide } from './decide';
import { incidentDecider } from './decider';
import { foldIncident } from './evolve';
import { DeciderSpecification } from './testing/decider-specification';
import { commands, events, historyFor } from './testing/incident-fixtures';

const spec = DeciderSpecification.for(incidentDecider);

const triaged = [events.logged(), events.categorized(), events.prioritized()];
const assigned = [...triaged, events.assigned()];
const contained = [...assigned, events.contained()];
const recovered = [...contained, events.eradicated({ justification: undefined }), events.recovered()];
const closed = [...recovered, events.closed()];
const reviewed = [...closed, events.reviewed()];

describe('containment and eradication', () => {
  it('contains an assigned incident', () => {
    spec.given(assigned).when(commands.contain()).then([events.contained()]);
    spec.given(assigned).when(commands.contain()).thenState({ status: 'contained', contained: true });
  });

  it('eradicates a contained incident without a justification', () => {
    const decision = decide(commands.eradicate({ justification: undefined }), foldIncident(contained));
    expect(decision).toEqual({ ok: true, events: [events.eradicated({ justification: undefined })] });
    // Exactly the event's data: no empty justification key.
    expect(decision.ok && 'justification' in decision.events[0].data).toBe(false);
    spec.given(contained).when(commands.eradicate({ justification: undefined })).thenState({ status: 'eradicated' });
  });

  it('eradicates an uncontained incident only with a justification', () => {
    spec
      .given(assigned)
      .when(commands.eradicate({ justification: '  Host already rebuilt from golden image.  ' }))
      .then([events.eradicated({ justification: 'Host already rebuilt from golden image.' })]);
    spec.given(assigned).when(commands.eradicate({ justification: undefined })).thenFails({
      type: 'RuleViolation',
      command: 'EradicateIncident',
      field: 'justification',
      reason: 'is required to eradicate an incident that was not contained first',
      message: "Cannot EradicateIncident: 'justification' is required to eradicate an incident that was not contained first",
    });
    spec
      .given(assigned)
      .when(commands.eradicate({ justification: '   ' }))
      .thenFails({ type: 'RuleViolation', field: 'justification' });
  });

  it('needs a summary for every response phase', () => {
    spec.given(assigned).when(commands.contain({ summary: '' })).thenFails({ type: 'RuleViolation', field: 'summary' });
    spec.given(contained).when(commands.eradicate({ summary: ' ' })).thenFails({ type: 'RuleViolation', field: 'summary' });
    spec
      .given([...contained, events.eradicated()])
      .when(commands.recover({ summary: '\t' }))
      .thenFails({ type: 'RuleViolation', field: 'summary' });
  });

  it('does not contain twice or skip eradication', () => {
    spec.given(contained).when(commands.contain()).thenFails({ type: 'IllegalTransition', state: 'contained' });
    spec.given(contained).when(commands.recover()).thenFails({ type: 'IllegalTransition', state: 'contained' });
  });
});

describe('closing only after recovery', () => {
  it('closes a recovered incident with a known resolution code', () => {
    spec.given(recovered).when(commands.close()).then([events.closed()]);
    spec.given(recovered).when(commands.close()).thenState({
      status: 'closed',
      resolution: { code: 'true-positive-with-impact', summary: events.closed().data.summary },
    });
  });

  it.each(['logged', 'triaged', 'assigned', 'contained', 'eradicated'] as const)("refuses to close in '%s'", (status) => {
    spec.given(historyFor(status)).when(commands.close()).thenFails({ type: 'IllegalTransition', command: 'CloseIncident', state: status });
  });

  it('refuses an unknown resolution code', () => {
    spec
      .given(recovered)
      .when(commands.close({ resolutionCode: 'fixed' as never }))
      .thenFails({ type: 'RuleViolation', field: 'resolutionCode' });
  });
});

describe('post-incident review only after closing', () => {
  it('reviews a closed incident', () => {
    spec.given(closed).when(commands.review()).then([events.reviewed()]);
    spec.given(closed).when(commands.review()).thenState({
      status: 'reviewed',
      review: { rootCause: events.reviewed().data.rootCause, lessonsLearned: events.reviewed().data.lessonsLearned, actions: ['Roll out FIDO2 keys'] },
    });
  });

  it('refuses to review before closing, or twice', () => {
    spec.given(recovered).when(commands.review()).thenFails({ type: 'IllegalTransition', state: 'recovered' });
    spec.given(reviewed).when(commands.review()).thenFails({ type: 'IllegalTransition', state: 'reviewed' });
  });

  it('needs a root cause and lessons learned', () => {
    spec.given(closed).when(commands.review({ rootCause: '' })).thenFails({ type: 'RuleViolation', field: 'rootCause' });
    spec.given(closed).when(commands.review({ lessonsLearned: '  ' })).thenFails({ type: 'RuleViolation', field: 'lessonsLearned' });
  });

  it('accepts no follow-up actions, but no blank ones', () => {
    spec.given(closed).when(commands.review({ actions: [] })).then([events.reviewed({ actions: [] })]);
    spec.given(closed).when(commands.review({ actions: ['Patch VPN', ' '] })).thenFails({ type: 'RuleViolation', field: 'actions' });
  });
});

describe('reopening', () => {
  it.each([
    ['closed', closed],
    ['reviewed', reviewed],
  ] as const)('takes a %s incident back into response with containment reset', (_, history) => {
    spec.given(history).when(commands.reopen()).then([events.reopened()]);
    spec.given(history).when(commands.reopen()).thenState({
      status: 'assigned',
      assignee: 'bob',
      contained: false,
      resolution: undefined,
      review: undefined,
      reopenCount: 1,
    });
  });

  it('makes the phases be redone: eradicating again without new containment needs a justification', () => {
    const reopened = [...closed, events.reopened()];
    spec.given(reopened).when(commands.eradicate({ justification: undefined })).thenFails({ type: 'RuleViolation', field: 'justification' });
    spec.given(reopened).when(commands.close()).thenFails({ type: 'IllegalTransition', state: 'assigned' });
    spec.given(reopened).when(commands.contain()).thenState({ status: 'contained' });
  });

  it('takes a rejected report back to triage, logged or triaged as far as it got', () => {
    spec.given([events.logged(), events.rejected()]).when(commands.reopen()).thenState({ status: 'logged', reopenCount: 1, rejectionReason: undefined });
    spec.given([...triaged, events.rejected()]).when(commands.reopen()).thenState({ status: 'triaged', reopenCount: 1 });
    spec.given([events.logged(), events.categorized(), events.rejected(), events.reopened()]).when(commands.prioritize()).thenState({ status: 'triaged' });
  });

  it('counts every reopening', () => {
    const twice = [...closed, events.reopened(), events.contained(), events.eradicated(), events.recovered(), events.closed()];
    spec.given(twice).when(commands.reopen()).thenState({ reopenCount: 2, status: 'assigned' });
  });

  it('needs a reason', () => {
    spec.given(closed).when(commands.reopen({ reason: ' ' })).thenFails({ type: 'RuleViolation', field: 'reason' });
  });

  it.each(['logged', 'triaged', 'assigned', 'contained', 'eradicated', 'recovered'] as const)(
    "refuses to reopen an open incident ('%s')",
    (status) => {
      spec.given(historyFor(status)).when(commands.reopen()).thenFails({ type: 'IllegalTransition', command: 'ReopenIncident', state: status });
    },
  );
});
