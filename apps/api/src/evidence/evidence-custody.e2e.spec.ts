import { verifyStreamChain } from '@ledger/ledger';
import { advance, logIncident } from '../../../../test/support/incident-fixtures';
import type { LedgerTestApp } from '../../../../test/support/ledger-test-app';
import { LEDGER_TARGETS } from '../../../../test/support/ledger-targets';
import { toRecorded } from '../../../../test/support/recorded-events';
import { evidenceBody, registerEvidence, SHA256 } from './testing/evidence-fixtures';

const UNKNOWN = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe.each(LEDGER_TARGETS)('evidence and chain of custody over HTTP, on the $name', (target) => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await target.start();
  });
  afterAll(() => ledger.close());

  const eventsOf = async (id: string): Promise<any[]> => (await ledger.client.get(`/incidents/${id}/events`)).body.events;

  it('registers, transfers twice and disposes, and returns the chain in order with each link’s hash', async () => {
    const id = await logIncident(ledger.client);
    const registered = await ledger.client.post(`/incidents/${id}/evidence`, evidenceBody());
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      evidenceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      id,
      revision: '1',
      position: expect.stringMatching(/^\d+$/),
    });
    const { evidenceId } = registered.body;
    expect(registered.headers.get('location')).toBe(`/incidents/${id}/evidence/${evidenceId}`);

    const base = `/incidents/${id}/evidence/${evidenceId}`;
    const toLocker = await ledger.client.post(`${base}/transfers`, { from: 'alice', to: 'evidence-locker', purpose: 'forensic imaging' });
    expect(toLocker.status).toBe(201);
    expect(toLocker.body).toMatchObject({ id, revision: '2' });
    const toBob = await ledger.client.post(`${base}/transfers`, {
      from: 'evidence-locker',
      to: 'bob',
      purpose: 'malware analysis',
      occurredAt: '2026-01-03T09:00:00Z',
    });
    expect(toBob.status).toBe(201);
    const disposed = await ledger.client.post(`${base}/dispose`, {
      method: 'cryptographic erase',
      authority: 'DPO retention decision R-9',
      reason: 'Retention period ended',
    });
    expect(disposed.status).toBe(200);
    expect(disposed.body).toMatchObject({ revision: '4' });

    const custody = await ledger.client.get(`/incidents/${id}/custody`);
    expect(custody.status).toBe(200);
    expect(custody.headers.get('etag')).toBe('"4"');
    expect(custody.body).toEqual([
      {
        evidenceId,
        description: 'Disk image of WS-042',
        kind: 'disk-image',
        sha256: SHA256,
        sizeBytes: 256_060_514_304,
        status: 'disposed',
        currentHolder: 'bob',
        chain: [
          expect.objectContaining({ action: 'collected', revision: '1', from: null, to: 'alice', purpose: null }),
          expect.objectContaining({ action: 'transferred', revision: '2', from: 'alice', to: 'evidence-locker', purpose: 'forensic imaging' }),
          expect.objectContaining({
            action: 'transferred',
            revision: '3',
            from: 'evidence-locker',
            to: 'bob',
            purpose: 'malware analysis',
            at: '2026-01-03T09:00:00Z',
          }),
          expect.objectContaining({
            action: 'disposed',
            revision: '4',
            from: 'bob',
            to: null,
            purpose: 'Retention period ended',
            method: 'cryptographic erase',
            authority: 'DPO retention decision R-9',
          }),
        ],
      },
    ]);

    // Each link is the stored event: same hash, and the incident's chain is intact.
    const events = await eventsOf(id);
    const links = custody.body[0].chain;
    expect(links.map((link: any) => link.hash)).toEqual(events.slice(1).map((event) => event.metadata.hash));
    expect(links.map((link: any) => link.position)).toEqual(events.slice(1).map((event) => event.position));
    for (const link of links) {
      expect(link).toMatchObject({ actor: { id: 'principal-admin', name: 'admin' }, recordedAt: expect.stringMatching(/Z$/) });
    }
    expect(verifyStreamChain(`incident-${id}`, toRecorded(events))).toMatchObject({ ok: true, events: 5 });
    expect(events.map((event) => event.type)).toEqual([
      'IncidentLogged',
      'EvidenceRegistered',
      'CustodyTransferred',
      'CustodyTransferred',
      'EvidenceDisposed',
    ]);

    // Evidence never moves the incident's status; the state shows the item.
    const incident = await ledger.client.get(`/incidents/${id}`);
    expect(incident.body).toMatchObject({ status: 'logged', evidence: { [evidenceId]: { status: 'disposed', holder: 'bob' } } });
    expect(incident.body.allowedActions).toEqual(expect.arrayContaining(['notes', 'evidence']));
  });

  it('refuses a transfer from someone who does not hold the item with 409 naming the holder, and appends nothing', async () => {
    const id = await logIncident(ledger.client);
    const evidenceId = await registerEvidence(ledger.client, id);
    await ledger.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, { from: 'alice', to: 'evidence-locker', purpose: 'storage' });
    const before = await eventsOf(id);

    const refused = await ledger.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, {
      from: 'alice',
      to: 'bob',
      purpose: 'analysis',
    });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      reason: 'CustodyViolation',
      command: 'TransferCustody',
      evidenceId,
      status: 'held',
      holder: 'evidence-locker',
      claimedHolder: 'alice',
    });
    expect(refused.body.message).toContain("held by 'evidence-locker'");
    expect(await eventsOf(id)).toEqual(before);
  });

  it('releases once: the item can then be neither transferred, released nor disposed of (409)', async () => {
    const id = await logIncident(ledger.client);
    const evidenceId = await registerEvidence(ledger.client, id);
    const base = `/incidents/${id}/evidence/${evidenceId}`;
    const release = { releasedTo: 'Police cyber unit, case 2026-17', authority: 'Court order 17/2026', reason: 'Prosecution' };
    expect((await ledger.client.post(`${base}/release`, release)).status).toBe(200);

    const again = await ledger.client.post(`${base}/release`, release);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ reason: 'CustodyViolation', status: 'released', holder: 'alice' });
    expect((await ledger.client.post(`${base}/transfers`, { from: 'alice', to: 'bob', purpose: 'x' })).status).toBe(409);
    expect((await ledger.client.post(`${base}/dispose`, { method: 'shred', authority: 'x', reason: 'y' })).status).toBe(409);
    expect(await eventsOf(id)).toHaveLength(3);

    const [item] = (await ledger.client.get(`/incidents/${id}/custody`)).body;
    expect(item).toMatchObject({ status: 'released', currentHolder: 'alice' });
    expect(item.chain.at(-1)).toMatchObject({ action: 'released', from: 'alice', to: release.releasedTo, authority: release.authority });
  });

  it('answers 404 for an unknown item or incident, 400 for an evidence id that is not a UUID', async () => {
    const id = await logIncident(ledger.client);
    const unknownItem = await ledger.client.post(`/incidents/${id}/evidence/${UNKNOWN}/transfers`, {
      from: 'alice',
      to: 'bob',
      purpose: 'x',
    });
    expect(unknownItem.status).toBe(404);
    expect(unknownItem.body).toMatchObject({ incidentId: id, evidenceId: UNKNOWN });
    expect((await ledger.client.post(`/incidents/${UNKNOWN}/evidence`, evidenceBody())).status).toBe(404);
    expect((await ledger.client.get(`/incidents/${UNKNOWN}/custody`)).status).toBe(404);
    const notUuid = await ledger.client.post(`/incidents/${id}/evidence/ev-1/dispose`, { method: 'x', authority: 'y', reason: 'z' });
    expect(notUuid.status).toBe(400);
    expect(notUuid.body.errors).toEqual([{ field: 'evidenceId', reason: 'must be a UUID' }]);
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('registers the same item once for a retried Idempotency-Key', async () => {
    const id = await logIncident(ledger.client);
    const headers = { 'idempotency-key': `evidence-${id}` };
    const first = await ledger.client.post(`/incidents/${id}/evidence`, evidenceBody(), { headers });
    const retry = await ledger.client.post(`/incidents/${id}/evidence`, evidenceBody(), { headers });
    expect(first.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect((await ledger.client.get(`/incidents/${id}/custody`)).body).toHaveLength(1);
  });

  it('takes evidence after closure too, and answers ?asOf= with the chains as recorded then', async () => {
    const id = await logIncident(ledger.client);
    await advance(ledger.client, id, 7);
    const evidenceId = await registerEvidence(ledger.client, id, { kind: 'log-export', description: 'Proxy logs, 2 Jan' });
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 15));
    await ledger.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, { from: 'alice', to: 'legal', purpose: 'hold' });

    expect((await ledger.client.get(`/incidents/${id}`)).body.status).toBe('closed');
    const then = await ledger.client.get(`/incidents/${id}/custody?asOf=${encodeURIComponent(between.toISOString())}`);
    expect(then.status).toBe(200);
    expect(then.body).toEqual([expect.objectContaining({ evidenceId, currentHolder: 'alice', chain: [expect.anything()] })]);
    const now = await ledger.client.get(`/incidents/${id}/custody`);
    expect(now.body[0]).toMatchObject({ currentHolder: 'legal' });
    expect((await ledger.client.get(`/incidents/${id}/custody?asOf=soon`)).status).toBe(400);
  });

  it('documents the evidence routes in the OpenAPI document', async () => {
    const docs = await ledger.client.as(null).get('/docs/openapi.json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/incidents/{id}/evidence',
        '/incidents/{id}/evidence/{evidenceId}',
        '/incidents/{id}/evidence/{evidenceId}/transfers',
        '/incidents/{id}/evidence/{evidenceId}/release',
        '/incidents/{id}/evidence/{evidenceId}/dispose',
        '/incidents/{id}/custody',
        '/incidents/{id}/access-records',
      ]),
    );
  });
});
