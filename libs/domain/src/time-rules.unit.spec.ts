import { decide } from './decide';
import { incidentDecider } from './decider';
import { foldIncident } from './evolve';
import { initialIncidentState } from './incident-state';
import { isIsoInstant, parseIsoInstant } from './iso-time';
import { DeciderSpecification } from './testing/decider-specification';
import { commands, events, historyFor, NOW } from './testing/incident-fixtures';

const spec = DeciderSpecification.for(incidentDecider);
const ONE_SECOND_LATER = '2024-05-01T12:00:01.000Z';
const EARLIER = '2024-04-30T08:15:00Z';

describe('the action time in metadata.occurredAt', () => {
  it('may be in the past or exactly now', () => {
    spec.given(historyFor('assigned')).when(commands.contain({}, { occurredAt: EARLIER })).then([events.contained()]);
    spec.given(historyFor('assigned')).when(commands.contain({}, { occurredAt: NOW })).then([events.contained()]);
  });

  it('is not part of the event data (the envelope carries it)', () => {
    const decision = decide(commands.contain({}, { occurredAt: EARLIER }), foldIncident(historyFor('assigned')));
    expect(decision).toEqual({ ok: true, events: [events.contained()] });
    expect(JSON.stringify(decision)).not.toContain(EARLIER);
  });

  it('may not be in the future, for any command', () => {
    spec
      .given(historyFor('assigned'))
      .when(commands.contain({}, { occurredAt: ONE_SECOND_LATER }))
      .thenFails({ type: 'RuleViolation', command: 'ContainIncident', field: 'occurredAt', reason: 'must not be in the future' });
    spec.given([]).when(commands.log({}, { occurredAt: ONE_SECOND_LATER })).thenFails({ type: 'RuleViolation', field: 'occurredAt' });
  });

  it('compares instants, not strings: an offset that is still in the past is fine', () => {
    spec.given(historyFor('assigned')).when(commands.contain({}, { occurredAt: '2024-05-01T13:30:00+02:00' })).then([events.contained()]);
    spec
      .given(historyFor('assigned'))
      .when(commands.contain({}, { occurredAt: '2024-05-01T11:30:00-02:00' }))
      .thenFails({ type: 'RuleViolation', field: 'occurredAt' });
  });

  it.each(['yesterday', '2024-04-30', '2024-04-30T10:00:00', '2024-02-30T10:00:00Z'])('must be a valid ISO instant: %s', (occurredAt) => {
    spec
      .given(historyFor('assigned'))
      .when(commands.contain({}, { occurredAt }))
      .thenFails({ type: 'RuleViolation', field: 'occurredAt' });
  });

  it('needs a valid server clock; a broken one is a programming error, not a user error', () => {
    expect(() => decide(commands.log({}, { now: 'now', occurredAt: EARLIER }), initialIncidentState())).toThrow(TypeError);
  });
});

describe("the incident's own times on LogIncident", () => {
  it('are recorded when valid', () => {
    spec
      .given([])
      .when(commands.log({ occurredAt: '2024-04-30T07:00:00Z', detectedAt: EARLIER }))
      .then([events.logged({ occurredAt: '2024-04-30T07:00:00Z', detectedAt: EARLIER })]);
  });

  it('may not be in the future', () => {
    spec.given([]).when(commands.log({ occurredAt: ONE_SECOND_LATER })).thenFails({ type: 'RuleViolation', field: 'data.occurredAt' });
    spec.given([]).when(commands.log({ detectedAt: ONE_SECOND_LATER })).thenFails({ type: 'RuleViolation', field: 'data.detectedAt' });
  });

  it('cannot be detected before it occurred', () => {
    spec
      .given([])
      .when(commands.log({ occurredAt: EARLIER, detectedAt: '2024-04-30T08:14:59Z' }))
      .thenFails({ type: 'RuleViolation', field: 'data.detectedAt' });
    spec.given([]).when(commands.log({ occurredAt: EARLIER, detectedAt: EARLIER })).then([events.logged({ occurredAt: EARLIER, detectedAt: EARLIER })]);
  });

  it('must be valid ISO instants', () => {
    spec.given([]).when(commands.log({ occurredAt: 'last tuesday' })).thenFails({ type: 'RuleViolation', field: 'data.occurredAt' });
  });
});

describe('ISO 8601 instants', () => {
  it.each([
    ['2024-05-01T12:00:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00Z', Date.UTC(2024, 4, 1, 12)],
    ['2024-05-01T12:00:00.123Z', Date.UTC(2024, 4, 1, 12, 0, 0, 123)],
    ['2024-05-01T14:00:00+02:00', Date.UTC(2024, 4, 1, 12)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('accepts %s', (value, ms) => {
    expect(parseIsoInstant(value)).toBe(ms);
  });

  it.each([
    '2024-05-01',
    '2024-05-01T12:00:00',
    '2024-05-01 12:00:00Z',
    '2023-02-29T00:00:00Z',
    '2024-04-31T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-05-01T24:00:00Z',
    '2024-05-01T12:60:00Z',
    'Wed, 01 May 2024 12:00:00 GMT',
    '',
  ])('rejects %j', (value) => {
    expect(parseIsoInstant(value)).toBeUndefined();
    expect(isIsoInstant(value)).toBe(false);
  });

  it('rejects non-strings', () => {
    expect(parseIsoInstant(1714564800000)).toBeUndefined();
    expect(parseIsoInstant(undefined)).toBeUndefined();
  });
});
