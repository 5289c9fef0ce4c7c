import { lifecycleSteps, logIncident, newIncidentBody } from '../../../../test/support/incident-fixtures';
import { type LedgerTestApp, startLedgerTestApp } from '../../../../test/support/ledger-test-app';

describe('bad input over HTTP: a clear 4xx naming the field, and nothing written', () => {
  let ledger: LedgerTestApp;
  let id: string;
  beforeAll(async () => {
    ledger = await startLedgerTestApp({ LEDGER_BODY_LIMIT: '65536' });
    id = await logIncident(ledger.client);
  });
  afterAll(() => ledger.close());

  const headPosition = async (): Promise<string> => (await ledger.client.get('/health')).body.headPosition;

  const cases: Array<[string, string, unknown, string]> = [
    ['missing fields', '/incidents', {}, 'title'],
    ['unknown field', '/incidents', { ...newIncidentBody(), severity: 'high' }, 'severity'],
    ['unknown source', '/incidents', { ...newIncidentBody(), source: 'rumour' }, 'source'],
    ['blank title', '/incidents', { ...newIncidentBody(), title: '   ' }, 'title'],
    ['title too long', '/incidents', { ...newIncidentBody(), title: 'x'.repeat(201) }, 'title'],
    ['object where a string belongs', '/incidents', { ...newIncidentBody(), title: { $gt: '' } }, 'title.$gt'],
    ['time without a zone', '/incidents', { ...newIncidentBody(), detectedAt: '2026-01-01T10:00:00' }, 'detectedAt'],
    ['not a time', '/incidents', { ...newIncidentBody(), occurredAt: 'last tuesday' }, 'occurredAt'],
    ['impact as a string', '/incidents/:id/prioritize', { impact: '1', urgency: 1 }, 'impact'],
    ['urgency out of range', '/incidents/:id/prioritize', { impact: 1, urgency: 4 }, 'urgency'],
    ['category not in the taxonomy', '/incidents/:id/categorize', { category: 'cyber', subcategories: ['x'] }, 'category'],
    ['no subcategory', '/incidents/:id/categorize', { category: 'malicious-code', subcategories: [] }, 'subcategories'],
    ['subcategories not an array', '/incidents/:id/categorize', { category: 'malicious-code', subcategories: 'c2-server' }, 'subcategories'],
    ['assignee with spaces', '/incidents/:id/assign', { assignee: 'alice smith' }, 'assignee'],
    ['unknown resolution code', '/incidents/:id/close', { resolutionCode: 'fixed', summary: 'x' }, 'resolutionCode'],
    ['actions with a number', '/incidents/:id/review', { rootCause: 'a', lessonsLearned: 'b', actions: [1] }, 'actions'],
    ['note correcting a non-UUID', '/incidents/:id/notes', { text: 'x', correctsNoteId: 'abc' }, 'correctsNoteId'],
    ['body is an array', '/incidents/:id/notes', [{ text: 'x' }], ''],
  ];

  it.each(cases)('%s → 400 naming the field', async (_label, path, body, field) => {
    const before = await headPosition();
    const response = await ledger.client.post(path.replace(':id', id), body);
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(expect.any(String));
    if (field) expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(js|ts):\d+|node_modules|\/work\//);
    expect(await headPosition()).toBe(before);
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    const response = await ledger.client.post('/incidents', undefined, { rawBody: '{"title": "unterminated' });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: '(body)', reason: expect.any(String) }]);
  });

  it('answers an empty JSON body with 400', async () => {
    const response = await ledger.client.post(`/incidents/${id}/notes`, undefined, { rawBody: '' });
    expect(response.status).toBe(400);
  });

  it('answers a non-JSON content type with 415', async () => {
    const response = await ledger.client.post('/incidents', undefined, {
      rawBody: 'title=x',
      headers: { 'content-type': 'text/plain' },
    });
    expect(response.status).toBe(415);
  });

  it('answers a body over the limit with 413', async () => {
    const response = await ledger.client.post(`/incidents/${id}/notes`, { text: 'x'.repeat(70_000) });
    expect(response.status).toBe(413);
  });

  it('answers a rule the domain refuses with 422 naming the field', async () => {
    const response = await ledger.client.post(`/incidents/${id}/categorize`, {
      category: 'fraud',
      subcategories: ['c2-server'],
    });
    expect(response.status).toBe(422);
    expect(response.body.errors).toEqual([{ field: 'subcategories', reason: expect.any(String) }]);
    const future = await ledger.client.post(`/incidents/${id}/notes`, {
      text: 'from the future',
      occurredAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(future.status).toBe(422);
    expect(future.body.errors[0].field).toBe('occurredAt');
  });

  it('keeps serving after all of it', async () => {
    expect((await ledger.client.post(`/incidents/${id}/categorize`, lifecycleSteps[0][1])).status).toBe(200);
  });
});
