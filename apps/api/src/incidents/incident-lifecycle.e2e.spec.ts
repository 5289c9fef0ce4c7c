import { verifyStreamChain } from '@ledger/ledger';
import { lifecycleSteps, logIncident, newIncidentBody } from '../../../../test/support/incident-fixtures';
import type { LedgerTestApp } from '../../../../test/support/ledger-test-app';
import { LEDGER_TARGETS } from '../../../../test/support/ledger-targets';
import { toRecorded } from '../../../../test/support/recorded-events';

describe.each(LEDGER_TARGETS)('incident lifecycle over HTTP, on the $name', (target) => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await target.start();
  });
  afterAll(() => ledger.close());

  it('drives an incident from logged to reviewed, each step answering the new revision and position', async () => {
    const created = await ledger.client.post('/incidents', newIncidentBody());
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), revision: '0', position: expect.stringMatching(/^\d+$/) });
    const id = created.body.id;

    let lastPosition = BigInt(created.body.position);
    for (const [index, [action, body]] of lifecycleSteps.entries()) {
      const response = await ledger.client.post(`/incidents/${id}/${action}`, body);
      expect({ action, status: response.status }).toEqual({ action, status: 200 });
      expect(response.body.revision).toBe(String(index + 1));
      expect(response.headers.get('etag')).toBe(`"${index + 1}"`);
      expect(BigInt(response.body.position)).toBeGreaterThan(lastPosition);
      lastPosition = BigInt(response.body.position);
    }

    const state = await ledger.client.get(`/incidents/${id}`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({
      id,
      revision: '8',
      status: 'reviewed',
      category: 'malicious-code',
      subcategories: ['c2-server', 'infected-system'],
      priority: { impact: 1, urgency: 2, priority: 'P2' },
      assignee: 'alice',
      team: 'soc-tier2',
      resolution: { code: 'true-positive-with-impact' },
      reporter: 'admin',
    });
    expect(state.body.allowedActions).toEqual(expect.arrayContaining(['reopen', 'notes']));
  });

  it('returns the full history with envelopes whose hash chain is intact', async () => {
    const id = await logIncident(ledger.client);
    for (const [action, body] of lifecycleSteps.slice(0, 3)) await ledger.client.post(`/incidents/${id}/${action}`, body);
    const history = await ledger.client.get(`/incidents/${id}/events`, {
      headers: { 'x-correlation-id': 'unused-on-reads' },
    });
    expect(history.status).toBe(200);
    expect(history.body.events.map((e: any) => e.type)).toEqual([
      'IncidentLogged',
      'IncidentCategorized',
      'IncidentPrioritized',
      'IncidentAssigned',
    ]);
    for (const event of history.body.events) {
      expect(event).toMatchObject({
        eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        stream: `incident-${id}`,
        schemaVersion: 1,
        metadata: {
          actor: { id: 'principal-admin', name: 'admin' },
          commandId: expect.any(String),
          correlationId: expect.any(String),
          causationId: expect.any(String),
          occurredAt: expect.stringMatching(/Z$/),
          recordedAt: expect.stringMatching(/Z$/),
          prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      });
    }
    expect(verifyStreamChain(`incident-${id}`, toRecorded(history.body.events))).toMatchObject({ ok: true, events: 4 });
  });

  it('records the client-supplied occurredAt apart from the server recordedAt, and correlation ids from headers', async () => {
    const id = await logIncident(ledger.client);
    const occurredAt = '2026-01-02T03:04:05.000Z';
    await ledger.client.post(
      `/incidents/${id}/notes`,
      { text: 'Called the user; they clicked the attachment', occurredAt },
      { headers: { 'x-correlation-id': 'ticket-4711', 'x-causation-id': 'call-99' } },
    );
    const history = await ledger.client.get(`/incidents/${id}/events`);
    const note = history.body.events[1];
    expect(note.metadata.occurredAt).toBe(occurredAt);
    expect(Date.parse(note.metadata.recordedAt)).toBeGreaterThan(Date.parse(occurredAt));
    expect(note.metadata.correlationId).toBe('ticket-4711');
    expect(note.metadata.causationId).toBe('call-99');
  });

  it('answers ?asOf= with the state as it was recorded at that instant', async () => {
    const id = await logIncident(ledger.client);
    await ledger.client.post(`/incidents/${id}/categorize`, lifecycleSteps[0][1]);
    const between = new Date();
    await new Promise((resolve) => setTimeout(resolve, 15));
    await ledger.client.post(`/incidents/${id}/prioritize`, lifecycleSteps[1][1]);

    const then = await ledger.client.get(`/incidents/${id}?asOf=${encodeURIComponent(between.toISOString())}`);
    expect(then.status).toBe(200);
    expect(then.body).toMatchObject({ revision: '1', status: 'logged', category: 'malicious-code' });
    expect(then.body.priority).toBeUndefined();

    const now = await ledger.client.get(`/incidents/${id}`);
    expect(now.body).toMatchObject({ revision: '2', status: 'triaged' });

    const before = await ledger.client.get(`/incidents/${id}?asOf=2000-01-01T00:00:00Z`);
    expect(before.status).toBe(404);
    const invalid = await ledger.client.get(`/incidents/${id}?asOf=yesterday`);
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].field).toBe('asOf');
  });

  it('serves the OpenAPI document and health without a token', async () => {
    const docs = await ledger.client.as(null).get('/docs/openapi.json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/incidents', '/incidents/{id}/contain', '/incidents/{id}/events', '/health']),
    );
    const health = await ledger.client.as(null).get('/health');
    expect(health.body).toMatchObject({ status: 'ok', eventStore: target.name.startsWith('embedded') ? 'embedded' : 'esdb' });
  });
});
