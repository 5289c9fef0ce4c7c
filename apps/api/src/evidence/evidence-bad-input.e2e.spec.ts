import { logIncident } from '../../../../test/support/incident-fixtures';
import { type LedgerTestApp, startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { evidenceBody, registerEvidence, SHA256 } from './testing/evidence-fixtures';

describe('evidence bad input over HTTP: a clear 4xx naming the field, and nothing written', () => {
  let ledger: LedgerTestApp;
  let id: string;
  let evidenceId: string;
  beforeAll(async () => {
    ledger = await startLedgerTestApp();
    id = await logIncident(ledger.client);
    evidenceId = await registerEvidence(ledger.client, id);
  });
  afterAll(() => ledger.close());

  const headPosition = async (): Promise<string> => (await ledger.client.get('/health')).body.headPosition;
  const transfer = { from: 'alice', to: 'evidence-locker', purpose: 'storage' };

  const cases: Array<[string, string, unknown, string]> = [
    ['sha256 too short', 'evidence', evidenceBody({ sha256: SHA256.slice(2) }), 'sha256'],
    ['sha256 in upper case', 'evidence', evidenceBody({ sha256: SHA256.toUpperCase() }), 'sha256'],
    ['sha256 not hex', 'evidence', evidenceBody({ sha256: 'z'.repeat(64) }), 'sha256'],
    ['sha256 missing', 'evidence', evidenceBody({ sha256: undefined }), 'sha256'],
    ['negative size', 'evidence', evidenceBody({ size: -1 }), 'size'],
    ['fractional size', 'evidence', evidenceBody({ size: 1.5 }), 'size'],
    ['size as a string', 'evidence', evidenceBody({ size: '1024' }), 'size'],
    ['unknown kind', 'evidence', evidenceBody({ kind: 'hard-drive' }), 'kind'],
    ['unknown field', 'evidence', { ...evidenceBody(), custodian: 'mallory' }, 'custodian'],
    ['sizeBytes instead of size', 'evidence', { ...evidenceBody({ size: undefined }), sizeBytes: 1 }, 'sizeBytes'],
    ['blank description', 'evidence', evidenceBody({ description: '  ' }), 'description'],
    ['collector with spaces', 'evidence', evidenceBody({ collectedBy: 'alice smith' }), 'collectedBy'],
    ['no collection time', 'evidence', evidenceBody({ collectedAt: undefined }), 'collectedAt'],
    ['collection time without a zone', 'evidence', evidenceBody({ collectedAt: '2026-01-02T08:30:00' }), 'collectedAt'],
    ['transfer to a non-handle', 'evidence/:ev/transfers', { ...transfer, to: 'the locker' }, 'to'],
    ['transfer without a purpose', 'evidence/:ev/transfers', { from: 'alice', to: 'bob' }, 'purpose'],
    ['transfer with an unknown field', 'evidence/:ev/transfers', { ...transfer, evidenceId: 'x' }, 'evidenceId'],
    ['release without authority', 'evidence/:ev/release', { releasedTo: 'police', reason: 'case' }, 'authority'],
    ['dispose without a method', 'evidence/:ev/dispose', { authority: 'dpo', reason: 'retention' }, 'method'],
  ];

  it.each(cases)('%s → 400 naming the field', async (_label, action, body, field) => {
    const before = await headPosition();
    const response = await ledger.client.post(`/incidents/${id}/${action.replace(':ev', evidenceId)}`, body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await headPosition()).toBe(before);
  });

  it('refuses what only the domain can judge with 422 naming the field', async () => {
    const before = await headPosition();
    const future = await ledger.client.post(
      `/incidents/${id}/evidence`,
      evidenceBody({ collectedAt: new Date(Date.now() + 3_600_000).toISOString() }),
    );
    expect(future.status).toBe(422);
    expect(future.body.errors).toEqual([{ field: 'collectedAt', reason: 'must not be in the future' }]);

    const afterRegistration = await ledger.client.post(
      `/incidents/${id}/evidence`,
      evidenceBody({ collectedAt: '2026-01-02T08:30:00Z', occurredAt: '2026-01-01T00:00:00Z' }),
    );
    expect(afterRegistration.status).toBe(422);
    expect(afterRegistration.body.errors[0].field).toBe('collectedAt');

    const toSelf = await ledger.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, {
      from: 'alice',
      to: 'alice',
      purpose: 'no-op',
    });
    expect(toSelf.status).toBe(422);
    expect(toSelf.body.errors).toEqual([{ field: 'to', reason: expect.stringContaining("'alice' already holds") }]);
    expect(await headPosition()).toBe(before);
  });

  it('refuses unknown query parameters and a blank reason on the detail read, and records nothing', async () => {
    const before = await headPosition();
    expect((await ledger.client.get(`/incidents/${id}/evidence/${evidenceId}?why=curious`)).status).toBe(400);
    const blank = await ledger.client.get(`/incidents/${id}/evidence/${evidenceId}?reason=%20`);
    expect(blank.status).toBe(400);
    expect(blank.body.errors[0].field).toBe('reason');
    expect(await headPosition()).toBe(before);
  });
});
