import { incidentDecider } from './decider';
import { evolve, foldIncident } from './evolve';
import { DeciderSpecification } from './testing/decider-specification';
import { commands, EVIDENCE_ID, EVIDENCE_SHA256, events, historyFor, INCIDENT_ID, NOW } from './testing/incident-fixtures';
import { INCIDENT_STATUSES } from './vocabulary';

const spec = DeciderSpecification.for(incidentDecider);

// An assigned incident with the sample item collected by alice.
const withItem = () => [...historyFor('assigned'), events.evidenceRegistered()];
const toLocker = events.custodyTransferred();
const toAnalyst = events.custodyTransferred({ from: 'evidence-locker', to: 'bob', purpose: 'Malware analysis' });

describe('registering evidence', () => {
  it('records the item with its collector as first custodian', () => {
    spec.given(historyFor('assigned')).when(commands.registerEvidence()).then([events.evidenceRegistered()]);
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence())
      .thenState({
        status: 'assigned',
        evidence: {
          [EVIDENCE_ID]: expect.objectContaining({
            evidenceId: EVIDENCE_ID,
            sha256: EVIDENCE_SHA256,
            status: 'held',
            holder: 'alice',
            custody: [],
          }),
        },
      });
  });

  it.each(INCIDENT_STATUSES)("is accepted in '%s' without changing the status (evidence may surface after closure)", (status) => {
    spec.given(historyFor(status)).when(commands.registerEvidence()).thenState({ status });
  });

  it('needs an incident', () => {
    spec.given([]).when(commands.registerEvidence()).thenFails({ type: 'IncidentNotFound', incidentId: INCIDENT_ID });
  });

  it('records texts trimmed', () => {
    spec
      .given(historyFor('logged'))
      .when(commands.registerEvidence({ description: '  Disk image of WS-042 ', collectedBy: ' alice ' }))
      .then([events.evidenceRegistered()]);
  });

  it('refuses an evidence id that is already registered: an item is registered once', () => {
    spec
      .given(withItem())
      .when(commands.registerEvidence({ description: 'Another image' }))
      .thenFails({ type: 'RuleViolation', command: 'RegisterEvidence', field: 'evidenceId' });
  });

  it.each([
    ['upper case', EVIDENCE_SHA256.toUpperCase()],
    ['63 characters', EVIDENCE_SHA256.slice(1)],
    ['65 characters', `${EVIDENCE_SHA256}0`],
    ['not hex', `${EVIDENCE_SHA256.slice(0, 63)}g`],
    ['an MD5', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['surrounding spaces', ` ${EVIDENCE_SHA256}`],
    ['a number', 42],
    ['missing', undefined],
  ])('refuses a SHA-256 that is %s', (_, sha256) => {
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence({ sha256: sha256 as string }))
      .thenFails({ type: 'RuleViolation', field: 'sha256', reason: expect.stringContaining('64 lowercase hexadecimal') });
  });

  it('accepts a size of 0 bytes and refuses sizes that are not whole, non-negative numbers', () => {
    spec.given(historyFor('assigned')).when(commands.registerEvidence({ sizeBytes: 0 })).then([events.evidenceRegistered({ sizeBytes: 0 })]);
    for (const sizeBytes of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '1024']) {
      spec
        .given(historyFor('assigned'))
        .when(commands.registerEvidence({ sizeBytes: sizeBytes as number }))
        .thenFails({ type: 'RuleViolation', field: 'sizeBytes' });
    }
  });

  it('refuses a kind outside the closed list', () => {
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence({ kind: 'hard-drive' as never }))
      .thenFails({ type: 'RuleViolation', field: 'kind', reason: expect.stringContaining('"disk-image"') });
  });

  it('refuses a collection time in the future, or that is not an instant', () => {
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence({ collectedAt: '2024-05-01T12:00:01Z' }))
      .thenFails({ type: 'RuleViolation', field: 'collectedAt', reason: 'must not be in the future' });
    spec.given(historyFor('assigned')).when(commands.registerEvidence({ collectedAt: NOW })).then([events.evidenceRegistered({ collectedAt: NOW })]);
    for (const collectedAt of ['yesterday', '2024-05-01', '2024-05-01T10:00:00', undefined]) {
      spec
        .given(historyFor('assigned'))
        .when(commands.registerEvidence({ collectedAt: collectedAt as string }))
        .thenFails({ type: 'RuleViolation', field: 'collectedAt' });
    }
  });

  it('refuses a collection time after the registration itself (a backdated occurredAt)', () => {
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence({}, { occurredAt: '2024-05-01T09:00:00Z' }))
      .thenFails({ type: 'RuleViolation', field: 'collectedAt', reason: expect.stringContaining('occurredAt') });
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence({}, { occurredAt: '2024-05-01T10:00:00Z' }))
      .then([events.evidenceRegistered()]);
  });

  it.each(['evidenceId', 'description', 'source', 'collectedBy', 'storageLocation'])('needs a non-blank %s', (field) => {
    spec
      .given(historyFor('assigned'))
      .when(commands.registerEvidence({ [field]: '  ' }))
      .thenFails({ type: 'RuleViolation', command: 'RegisterEvidence', field });
  });
});

describe('transferring custody', () => {
  it('moves the item from its holder to the next, keeping the chain', () => {
    spec.given(withItem()).when(commands.transferCustody()).then([toLocker]);
    spec
      .given([...withItem(), toLocker])
      .when(commands.transferCustody({ from: 'evidence-locker', to: 'bob', purpose: 'Malware analysis' }))
      .thenState({
        evidence: {
          [EVIDENCE_ID]: expect.objectContaining({
            status: 'held',
            holder: 'bob',
            collectedBy: 'alice',
            custody: [
              { from: 'alice', to: 'evidence-locker', purpose: 'Forensic imaging' },
              { from: 'evidence-locker', to: 'bob', purpose: 'Malware analysis' },
            ],
          }),
        },
      });
  });

  it('is continuous: a transfer from anyone but the current holder is a CustodyViolation naming the holder', () => {
    spec
      .given([...withItem(), toLocker])
      .when(commands.transferCustody({ from: 'alice', to: 'bob' }))
      .thenFails({
        type: 'CustodyViolation',
        command: 'TransferCustody',
        evidenceId: EVIDENCE_ID,
        status: 'held',
        holder: 'evidence-locker',
        claimedHolder: 'alice',
        message: `Cannot TransferCustody evidence '${EVIDENCE_ID}': it is held by 'evidence-locker', not 'alice'`,
      });
  });

  it('refuses a transfer to the current holder', () => {
    spec
      .given(withItem())
      .when(commands.transferCustody({ to: 'alice' }))
      .thenFails({ type: 'RuleViolation', command: 'TransferCustody', field: 'to' });
  });

  it('answers EvidenceNotFound for an item the incident does not have, before checking the content', () => {
    spec
      .given(withItem())
      .when(commands.transferCustody({ evidenceId: 'ev-404', purpose: '' }))
      .thenFails({ type: 'EvidenceNotFound', command: 'TransferCustody', incidentId: INCIDENT_ID, evidenceId: 'ev-404' });
    // Only own items count, not properties every object has.
    for (const evidenceId of ['constructor', '__proto__', 'toString']) {
      spec.given(withItem()).when(commands.transferCustody({ evidenceId })).thenFails({ type: 'EvidenceNotFound', evidenceId });
    }
  });

  it('needs an incident first', () => {
    spec.given([]).when(commands.transferCustody()).thenFails({ type: 'IncidentNotFound' });
  });

  it.each(['evidenceId', 'from', 'to', 'purpose'])('needs a non-blank %s', (field) => {
    spec.given(withItem()).when(commands.transferCustody({ [field]: ' ' })).thenFails({ type: 'RuleViolation', field });
  });

  it.each(INCIDENT_STATUSES)("is accepted in '%s' without changing the status", (status) => {
    spec
      .given([...historyFor(status), events.evidenceRegistered()])
      .when(commands.transferCustody())
      .thenState({ status, evidence: { [EVIDENCE_ID]: expect.objectContaining({ holder: 'evidence-locker' }) } });
  });

  it('survives a reopen: custody does not restart with the response', () => {
    const closedWithItem = [...historyFor('closed'), events.evidenceRegistered(), toLocker, events.reopened()];
    spec.given(closedWithItem).when(commands.transferCustody({ from: 'evidence-locker', to: 'bob', purpose: 'Malware analysis' })).then([toAnalyst]);
  });
});

describe('releasing and disposing of evidence', () => {
  const released = events.evidenceReleased({ holder: 'evidence-locker' });
  const disposed = events.evidenceDisposed({ holder: 'evidence-locker' });

  it('releases the current holder’s item, recording who handed it over', () => {
    spec.given([...withItem(), toLocker]).when(commands.releaseEvidence()).then([released]);
    spec
      .given([...withItem(), toLocker])
      .when(commands.releaseEvidence())
      .thenState({
        evidence: {
          [EVIDENCE_ID]: expect.objectContaining({
            status: 'released',
            holder: 'evidence-locker',
            release: { releasedTo: 'police-cyber-unit', authority: 'Legal, case 2024-17', reason: 'Handed over for prosecution' },
          }),
        },
      });
  });

  it('disposes of the current holder’s item, recording the method and authority', () => {
    spec.given([...withItem(), toLocker]).when(commands.disposeEvidence()).then([disposed]);
    spec
      .given([...withItem(), toLocker])
      .when(commands.disposeEvidence())
      .thenState({
        evidence: {
          [EVIDENCE_ID]: expect.objectContaining({
            status: 'disposed',
            disposal: {
              method: 'Cryptographic erase (NIST 800-88 purge)',
              authority: 'DPO retention decision R-9',
              reason: 'Retention period ended',
            },
          }),
        },
      });
  });

  it.each(['closed', 'reviewed', 'rejected'] as const)("is possible once the incident is '%s'", (status) => {
    spec.given([...historyFor(status), events.evidenceRegistered()]).when(commands.releaseEvidence()).thenState({ status });
    spec.given([...historyFor(status), events.evidenceRegistered()]).when(commands.disposeEvidence()).thenState({ status });
  });

  it.each([
    ['released', events.evidenceReleased()],
    ['disposed', events.evidenceDisposed()],
  ] as const)('happens once: a %s item cannot be transferred, released or disposed of again', (status, gone) => {
    const history = [...withItem(), gone];
    const refusal = { type: 'CustodyViolation', evidenceId: EVIDENCE_ID, status, holder: 'alice' } as const;
    spec.given(history).when(commands.transferCustody()).thenFails({ ...refusal, command: 'TransferCustody' });
    spec.given(history).when(commands.releaseEvidence()).thenFails({ ...refusal, command: 'ReleaseEvidence' });
    spec
      .given(history)
      .when(commands.disposeEvidence())
      .thenFails({
        ...refusal,
        command: 'DisposeEvidence',
        message: `Cannot DisposeEvidence evidence '${EVIDENCE_ID}': it was ${status === 'disposed' ? 'disposed of' : status} by 'alice' and is no longer in custody`,
      });
  });

  it('answers EvidenceNotFound for an unknown item', () => {
    spec.given(withItem()).when(commands.releaseEvidence({ evidenceId: 'ev-404' })).thenFails({ type: 'EvidenceNotFound' });
    spec.given(withItem()).when(commands.disposeEvidence({ evidenceId: 'ev-404' })).thenFails({ type: 'EvidenceNotFound' });
  });

  it.each([
    ['ReleaseEvidence', 'releasedTo'],
    ['ReleaseEvidence', 'authority'],
    ['ReleaseEvidence', 'reason'],
    ['DisposeEvidence', 'method'],
    ['DisposeEvidence', 'authority'],
    ['DisposeEvidence', 'reason'],
  ] as const)('%s needs a non-blank %s', (command, field) => {
    const make = command === 'ReleaseEvidence' ? commands.releaseEvidence : commands.disposeEvidence;
    spec.given(withItem()).when(make({ [field]: '' })).thenFails({ type: 'RuleViolation', command, field });
  });

  it('keeps each item apart', () => {
    const second = events.evidenceRegistered({ evidenceId: 'ev-2', description: 'Proxy logs', kind: 'log-export', collectedBy: 'bob', custodian: 'bob' });
    const state = foldIncident([...withItem(), second, events.evidenceDisposed()]);
    expect(state.evidence[EVIDENCE_ID]).toMatchObject({ status: 'disposed', holder: 'alice' });
    expect(state.evidence['ev-2']).toMatchObject({ status: 'held', holder: 'bob', kind: 'log-export' });
  });
});

describe('evolve on evidence events', () => {
  it('is total: custody events for an unknown item change nothing, a repeated registration keeps the first', () => {
    const state = foldIncident(withItem());
    expect(evolve(state, events.custodyTransferred({ evidenceId: 'ev-404' })).evidence).toBe(state.evidence);
    expect(evolve(state, events.evidenceReleased({ evidenceId: 'ev-404' })).evidence).toBe(state.evidence);
    expect(evolve(state, events.evidenceRegistered({ description: 'Rewritten' })).evidence).toBe(state.evidence);
  });

  it('leaves the status and the other fields alone', () => {
    const before = foldIncident(historyFor('contained'));
    const after = foldIncident([events.evidenceRegistered(), toLocker, events.evidenceDisposed({ holder: 'evidence-locker' })], before);
    expect({ ...after, evidence: {} }).toEqual({ ...before, evidence: {} });
  });
});
