import { verifyStreamChain } from '@ledger/ledger';
import { advance, lifecycleSteps, logIncident, newIncidentBody } from '../../../../test/support/incident-fixtures';
import type { LedgerTestApp } from '../../../../test/support/ledger-test-app';
import { LEDGER_TARGETS } from '../../../../test/support/ledger-targets';
import { toRecorded } from '../../../../test/support/recorded-events';

describe.each(LEDGER_TARGETS)('refused transitions, optimistic concurrency and idempotency over HTTP, on the $name', (target) => {
  let ledger: LedgerTestApp;
  beforeAll(async () => {
    ledger = await target.start();
  });
  afterAll(() => ledger.close());

  const eventsOf = async (id: string): Promise<any[]> => (await ledger.client.get(`/incidents/${id}/events`)).body.events;

  it('refuses an illegal transition with 409, the current state and the allowed actions, and writes nothing', async () => {
    const id = await logIncident(ledger.client);
    const refused = await ledger.client.post(`/incidents/${id}/close`, lifecycleSteps[6][1]);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      reason: 'IllegalTransition',
      state: 'logged',
      command: 'CloseIncident',
      allowedActions: expect.arrayContaining(['categorize', 'prioritize', 'reject', 'notes']),
    });
    expect(refused.body.allowedActions).not.toContain('close');
    expect(refused.body.message).toContain("'logged'");
    expect(await eventsOf(id)).toHaveLength(1);
  });

  it('refuses closing before recovery, and eradicating without containment unless justified', async () => {
    const id = await logIncident(ledger.client);
    await advance(ledger.client, id, 3);
    expect((await ledger.client.post(`/incidents/${id}/close`, lifecycleSteps[6][1])).status).toBe(409);
    const unjustified = await ledger.client.post(`/incidents/${id}/eradicate`, { summary: 'wiped host' });
    expect(unjustified.status).toBe(422);
    expect(unjustified.body.errors).toEqual([{ field: 'justification', reason: expect.any(String) }]);
    const justified = await ledger.client.post(`/incidents/${id}/eradicate`, {
      summary: 'wiped host',
      justification: 'Host was a disposable kiosk; re-imaging is faster than isolating it',
    });
    expect(justified.status).toBe(200);
  });

  it('answers 404 for an unknown incident and 400 for an id that is not a UUID', async () => {
    const unknown = await ledger.client.post('/incidents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/contain', { summary: 'x' });
    expect(unknown.status).toBe(404);
    expect((await ledger.client.get('/incidents/3f2504e0-4f89-41d3-9a0c-0305e82c3301')).status).toBe(404);
    expect((await ledger.client.get('/incidents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/events')).status).toBe(404);
    expect((await ledger.client.get('/incidents/not-a-uuid')).status).toBe(400);
  });

  it('returns 412 for a stale If-Match and appends nothing; a current one succeeds', async () => {
    const id = await logIncident(ledger.client);
    const categorized = await ledger.client.post(`/incidents/${id}/categorize`, lifecycleSteps[0][1], {
      headers: { 'if-match': '"0"' },
    });
    expect(categorized.status).toBe(200);
    const stale = await ledger.client.post(`/incidents/${id}/prioritize`, lifecycleSteps[1][1], {
      headers: { 'if-match': '0' },
    });
    expect(stale.status).toBe(412);
    expect(stale.body).toMatchObject({ expectedRevision: '0', currentRevision: '1' });
    expect(await eventsOf(id)).toHaveLength(2);
    const fresh = await ledger.client.post(`/incidents/${id}/prioritize`, lifecycleSteps[1][1], {
      headers: { 'if-match': categorized.headers.get('etag')! },
    });
    expect(fresh.status).toBe(200);
    const malformed = await ledger.client.post(`/incidents/${id}/notes`, { text: 'x' }, { headers: { 'if-match': 'abc' } });
    expect(malformed.status).toBe(400);
  });

  it('returns the first result for a replayed Idempotency-Key and appends nothing', async () => {
    const headers = { 'idempotency-key': 'log-ws042-2026-11-23' };
    const first = await ledger.client.post('/incidents', newIncidentBody('Idempotent log'), { headers });
    const retry = await ledger.client.post('/incidents', newIncidentBody('Idempotent log'), { headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventsOf(first.body.id)).toHaveLength(1);

    const id = first.body.id;
    const noteHeaders = { 'idempotency-key': 'note-1' };
    const note = await ledger.client.post(`/incidents/${id}/notes`, { text: 'First call with the user' }, { headers: noteHeaders });
    const noteRetry = await ledger.client.post(`/incidents/${id}/notes`, { text: 'First call with the user' }, { headers: noteHeaders });
    expect(noteRetry.body).toEqual(note.body);
    expect(await eventsOf(id)).toHaveLength(2);

    const reused = await ledger.client.post(`/incidents/${id}/notes`, { text: 'A different note' }, { headers: noteHeaders });
    expect(reused.status).toBe(422);
    expect(reused.body.reason).toBe('IdempotencyKeyReused');
    expect(await eventsOf(id)).toHaveLength(2);
  });

  it('lands 20 concurrent commands on one incident: nothing lost, nothing duplicated, chain intact', async () => {
    const id = await logIncident(ledger.client);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => ledger.client.post(`/incidents/${id}/notes`, { text: `concurrent note ${i}` })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const revisions = responses.map((r) => Number(r.body.revision)).sort((a, b) => a - b);
    expect(revisions).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));

    const events = await eventsOf(id);
    expect(events).toHaveLength(21);
    const texts = events.slice(1).map((e) => e.data.text).sort();
    expect(texts).toEqual(Array.from({ length: 20 }, (_, i) => `concurrent note ${i}`).sort());
    expect(new Set(events.map((e) => e.eventId)).size).toBe(21);
    expect(verifyStreamChain(`incident-${id}`, toRecorded(events)).ok).toBe(true);
  });

  it('lets concurrent lifecycle commands with mixed If-Match race safely: exactly one of the same-revision ones wins', async () => {
    const id = await logIncident(ledger.client);
    const attempts = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ledger.client.post(`/incidents/${id}/notes`, { text: `based on revision 0 (#${i})` }, { headers: { 'if-match': '0' } }),
      ),
    );
    const statuses = attempts.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(9);
    expect(await eventsOf(id)).toHaveLength(2);
  });
});
