import type { EventStore } from '@ledger/event-store';
import { AccessRecorder, accessRecords, verifyStreamChain } from '@ledger/ledger';
import { logIncident } from '../../../../test/support/incident-fixtures';
import type { LedgerTestApp } from '../../../../test/support/ledger-test-app';
import { LEDGER_TARGETS } from '../../../../test/support/ledger-targets';
import { toRecorded } from '../../../../test/support/recorded-events';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { registerEvidence, SHA256 } from './testing/evidence-fixtures';

const UNKNOWN = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe.each(LEDGER_TARGETS)('access records of evidence reads over HTTP, on the $name', (target) => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await target.start();
  });
  afterAll(() => ledger.close());

  it('records each detail read with who, why and the correlation id, in a hash-chained access stream', async () => {
    const id = await logIncident(ledger.client);
    const evidenceId = await registerEvidence(ledger.client, id);
    const incidentEvents = (await ledger.client.get(`/incidents/${id}/events`)).body.events.length;

    const reason = 'Case 2026-17: checking the hash before hand-over';
    const read = await ledger.client.get(`/incidents/${id}/evidence/${evidenceId}?reason=${encodeURIComponent(reason)}`, {
      headers: { 'x-correlation-id': 'ticket-4711' },
    });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      evidenceId,
      sha256: SHA256,
      status: 'held',
      currentHolder: 'alice',
      source: 'WS-042 internal SSD',
      storageLocation: 'Evidence locker A-3, shelf 2',
      collectedAt: '2026-01-02T08:30:00Z',
      chain: [expect.objectContaining({ action: 'collected', to: 'alice' })],
    });
    // The custody listing leaves out where the item is kept: that is what the recorded read is for.
    const [listed] = (await ledger.client.get(`/incidents/${id}/custody`)).body;
    expect(listed.storageLocation).toBeUndefined();
    expect(listed.source).toBeUndefined();

    expect((await ledger.client.get(`/incidents/${id}/evidence/${evidenceId}`)).status).toBe(200);

    const listing = await ledger.client.get(`/incidents/${id}/access-records`);
    expect(listing.status).toBe(200);
    expect(listing.body).toMatchObject({ incidentId: id, stream: `ledger-access-${id}`, chain: { ok: true, events: 2 } });
    const [first, second] = listing.body.records;
    expect(first).toMatchObject({
      type: 'AccessRecorded',
      stream: `ledger-access-${id}`,
      revision: '0',
      data: { incidentId: id, action: 'evidence.view', subject: { kind: 'evidence', id: evidenceId }, reason },
      metadata: {
        actor: { id: 'principal-admin', name: 'admin' },
        correlationId: 'ticket-4711',
        recordedAt: expect.stringMatching(/Z$/),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    });
    expect(second).toMatchObject({ revision: '1', data: { action: 'evidence.view' } });
    expect(second.data.reason).toBeUndefined();

    // A client can verify the chain from the listing alone; the store agrees.
    expect(verifyStreamChain(`ledger-access-${id}`, toRecorded(listing.body.records))).toMatchObject({ ok: true, events: 2 });
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    expect(verifyStreamChain(`ledger-access-${id}`, await store.readStream(`ledger-access-${id}`)).ok).toBe(true);
    expect((await accessRecords(store, { incidentId: id })).map((record) => record.reason)).toEqual([reason, undefined]);

    // Reads are not incident events: the incident's own stream did not grow.
    expect((await ledger.client.get(`/incidents/${id}/events`)).body.events).toHaveLength(incidentEvents);
  });

  it('records nothing for an item that does not exist', async () => {
    const id = await logIncident(ledger.client);
    const missing = await ledger.client.get(`/incidents/${id}/evidence/${UNKNOWN}?reason=curious`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ incidentId: id, evidenceId: UNKNOWN });
    const listing = await ledger.client.get(`/incidents/${id}/access-records`);
    expect(listing.body).toMatchObject({ records: [], chain: { ok: true, events: 0 } });
    expect((await ledger.client.get(`/incidents/${UNKNOWN}/access-records`)).status).toBe(404);
  });

  it('lists the records other modules write through the injected AccessRecorder (exports)', async () => {
    const id = await logIncident(ledger.client);
    const recorder = ledger.app.get(AccessRecorder);
    await recorder.record({
      incidentId: id,
      actor: { id: 'p-9', name: 'auditor1' },
      action: 'incident.export',
      subject: { kind: 'incident', id },
      format: 'pdf',
      reason: 'Quarterly audit',
      correlationId: 'export-1',
    });
    const listing = await ledger.client.get(`/incidents/${id}/access-records`);
    expect(listing.body.records).toEqual([
      expect.objectContaining({
        data: { incidentId: id, action: 'incident.export', subject: { kind: 'incident', id }, format: 'pdf', reason: 'Quarterly audit' },
        metadata: expect.objectContaining({ actor: { id: 'p-9', name: 'auditor1' }, correlationId: 'export-1' }),
      }),
    ]);
  });
});
