import { incidentDecider } from './decider';
import { evolve, foldIncident } from './evolve';
import { INCIDENT_COMMAND_TYPES, type IncidentCommandType } from './incident-commands';
import type { IncidentState } from './incident-state';
import { DeciderSpecification } from './testing/decider-specification';
import { historyFor, historyForSample, INCIDENT_ID, SAMPLES } from './testing/incident-fixtures';
import {
  allowedCommands,
  COMMAND_FOR_EVENT,
  EVENT_FOR_COMMAND,
  LIFECYCLE_STATUSES,
  TRANSITION_TABLE,
  type LifecycleStatus,
  type TransitionTarget,
} from './transitions';
import { INCIDENT_STATUSES } from './vocabulary';

const spec = DeciderSpecification.for(incidentDecider);

// Written out again on purpose: the table says what should happen, this checks that evolve does it.
const expectedStatus = (target: TransitionTarget, from: LifecycleStatus, after: IncidentState): LifecycleStatus => {
  if (target === 'unchanged') return from;
  if (target === 'logged-or-triaged') return after.category && after.priority ? 'triaged' : 'logged';
  return target;
};

describe('transition table, generated: every state x every command', () => {
  const cases = LIFECYCLE_STATUSES.flatMap((status) =>
    INCIDENT_COMMAND_TYPES.map((command) => ({
      status,
      command,
      transition: TRANSITION_TABLE[status][command],
      outcome: TRANSITION_TABLE[status][command] ? `accepted -> ${TRANSITION_TABLE[status][command]?.to}` : 'refused',
    })),
  );

  it.each(LIFECYCLE_STATUSES)("the generated history reaches '%s'", (status) => {
    expect(foldIncident(historyFor(status)).status).toBe(status);
  });

  it.each(cases)("in '$status', $command is $outcome", ({ status, command, transition }) => {
    const history = historyForSample(status, command);
    const sample = SAMPLES[command];

    if (transition !== undefined) {
      spec.given(history).when(sample.command).then([sample.event]);
      const after = evolve(foldIncident(history), sample.event);
      expect(after.status).toBe(expectedStatus(transition.to, status, after));
    } else if (status === 'none') {
      spec.given(history).when(sample.command).thenFails({ type: 'IncidentNotFound', incidentId: INCIDENT_ID });
    } else {
      spec.given(history).when(sample.command).thenFails({
        type: 'IllegalTransition',
        command,
        state: status,
        allowed: allowedCommands(status),
        message: `Cannot ${command} an incident in state '${status}'; allowed: ${allowedCommands(status).join(', ')}`,
      });
    }
  });

  const requirements = LIFECYCLE_STATUSES.flatMap((status) =>
    INCIDENT_COMMAND_TYPES.flatMap((command) =>
      (TRANSITION_TABLE[status][command]?.requires ?? []).map((r) => ({ status, command, field: r.field })),
    ),
  );

  it.each(requirements)("in '$status', $command without $field is a RuleViolation", ({ status, command, field }) => {
    const { command: sample } = SAMPLES[command];
    for (const missing of [undefined, '', '   ']) {
      const withoutField = { ...sample, data: { ...sample.data, [field]: missing } } as typeof sample;
      spec.given(historyForSample(status, command)).when(withoutField).thenFails({ type: 'RuleViolation', command, field });
    }
  });
});

describe('transition table, the rules it encodes', () => {
  const statusesAllowing = (command: IncidentCommandType): LifecycleStatus[] =>
    LIFECYCLE_STATUSES.filter((s) => allowedCommands(s).includes(command));
  const OPEN = ['logged', 'triaged', 'assigned', 'contained', 'eradicated', 'recovered'];
  const EVIDENCE_COMMANDS = ['RegisterEvidence', 'TransferCustody', 'ReleaseEvidence', 'DisposeEvidence'] as const;

  it('has a row for every status and for none', () => {
    expect(Object.keys(TRANSITION_TABLE).sort()).toEqual(['none', ...INCIDENT_STATUSES].sort());
  });

  it('only logs an incident that does not exist yet', () => {
    expect(allowedCommands('none')).toEqual(['LogIncident']);
    expect(statusesAllowing('LogIncident')).toEqual(['none']);
  });

  it('categorizes and prioritizes only while open, reassigns only from triage until closed', () => {
    expect(statusesAllowing('CategorizeIncident')).toEqual(OPEN);
    expect(statusesAllowing('PrioritizeIncident')).toEqual(OPEN);
    expect(statusesAllowing('AssignIncident')).toEqual(OPEN.filter((s) => s !== 'logged'));
  });

  it('never moves the status back on re-categorize, re-prioritize or reassign', () => {
    for (const status of ['assigned', 'contained', 'eradicated', 'recovered'] as const) {
      for (const command of ['CategorizeIncident', 'PrioritizeIncident', 'AssignIncident'] as const) {
        expect(TRANSITION_TABLE[status][command]?.to).toBe('unchanged');
      }
    }
  });

  it('walks the response phases in order', () => {
    expect(statusesAllowing('ContainIncident')).toEqual(['assigned']);
    expect(statusesAllowing('EradicateIncident')).toEqual(['assigned', 'contained']);
    expect(statusesAllowing('RecoverIncident')).toEqual(['eradicated']);
    expect(statusesAllowing('CloseIncident')).toEqual(['recovered']);
    expect(statusesAllowing('ReviewIncident')).toEqual(['closed']);
  });

  it('requires a justification only to eradicate without containment', () => {
    expect(TRANSITION_TABLE.assigned.EradicateIncident?.requires?.map((r) => r.field)).toEqual(['justification']);
    expect(TRANSITION_TABLE.contained.EradicateIncident?.requires).toBeUndefined();
  });

  it('rejects only at triage, reopens only what is finished', () => {
    expect(statusesAllowing('RejectIncident')).toEqual(['logged', 'triaged']);
    expect(statusesAllowing('ReopenIncident')).toEqual(['closed', 'reviewed', 'rejected']);
    expect(TRANSITION_TABLE.closed.ReopenIncident?.to).toBe('assigned');
    expect(TRANSITION_TABLE.reviewed.ReopenIncident?.to).toBe('assigned');
    expect(TRANSITION_TABLE.rejected.ReopenIncident?.to).toBe('logged-or-triaged');
  });

  it('accepts notes in every state of an existing incident', () => {
    expect(statusesAllowing('AddNote')).toEqual([...INCIDENT_STATUSES]);
  });

  it('accepts evidence and custody commands in every state of an existing incident, never changing the status', () => {
    for (const command of EVIDENCE_COMMANDS) {
      expect(statusesAllowing(command)).toEqual([...INCIDENT_STATUSES]);
      for (const status of INCIDENT_STATUSES) expect(TRANSITION_TABLE[status][command]?.to).toBe('unchanged');
    }
  });

  it('lists allowed commands in lifecycle order for a state or a status', () => {
    expect(allowedCommands('logged')).toEqual([
      'CategorizeIncident',
      'PrioritizeIncident',
      'RejectIncident',
      'AddNote',
      ...EVIDENCE_COMMANDS,
    ]);
    expect(allowedCommands(foldIncident(historyFor('closed')))).toEqual([
      'ReviewIncident',
      'ReopenIncident',
      'AddNote',
      ...EVIDENCE_COMMANDS,
    ]);
  });

  it('maps every command to one event and back', () => {
    for (const command of INCIDENT_COMMAND_TYPES) expect(COMMAND_FOR_EVENT[EVENT_FOR_COMMAND[command]]).toBe(command);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(TRANSITION_TABLE)).toBe(true);
    expect(Object.isFrozen(TRANSITION_TABLE.assigned)).toBe(true);
  });
});
