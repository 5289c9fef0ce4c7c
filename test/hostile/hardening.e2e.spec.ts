import { TEST_ADMIN_TOKEN } from '../support/ledger-test-app';
import { advance, logIncident, newIncidentBody } from '../support/incident-fixtures';
import { type HardenedTestApp, startHardenedTestApp } from './support/hardened-test-app';
import { rawRequest } from './support/raw-http';

const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

describe('security headers', () => {
  let ledger: HardenedTestApp;
  beforeAll(async () => {
    ledger = await startHardenedTestApp();
  });
  afterAll(() => ledger.close());

  it.each([
    ['a JSON answer', '/health'],
    ['an error', '/incidents/not-a-uuid'],
    ['an unknown route', '/no-such-route'],
  ])('on %s: strict CSP, HSTS, no framing, no sniffing, no caching, no X-Powered-By', async (_label, path) => {
    const response = await rawRequest(ledger.url, { method: 'GET', target: path, headers: auth });
    expect(response.headers).toMatchObject({
      'content-security-policy': "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers.server).toBeUndefined();
  });

  it('lets the Swagger UI at /docs load its own scripts and styles (and nothing from elsewhere)', async () => {
    const page = await rawRequest(ledger.url, { method: 'GET', target: '/docs' });
    expect(page.status).toBe(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    // Every script the page loads is served from /docs, so 'self' covers it.
    const scripts = [...page.text.matchAll(/<script src=["']([^"']+)["']/g)].map((match) => match[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) {
      expect(script).not.toMatch(/^https?:/);
      const asset = await rawRequest(ledger.url, { method: 'GET', target: new URL(script, `${ledger.url}/docs`).pathname });
      expect(asset.status).toBe(200);
    }
    expect(page.text).not.toMatch(/<script>(?!\s*<\/script>)/); // no inline script the CSP would block
    expect((await rawRequest(ledger.url, { method: 'GET', target: '/docs/openapi.json' })).status).toBe(200);
  });
});

describe('HSTS off', () => {
  it('sends no Strict-Transport-Security when LEDGER_HSTS_MAX_AGE=0', async () => {
    const ledger = await startHardenedTestApp({ hstsMaxAgeSeconds: 0 });
    try {
      const response = await rawRequest(ledger.url, { method: 'GET', target: '/health' });
      expect(response.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await ledger.close();
    }
  });
});

describe('rate limit', () => {
  let ledger: HardenedTestApp;
  beforeAll(async () => {
    ledger = await startHardenedTestApp({ rateLimitPerMinute: 5 });
  });
  afterAll(() => ledger.close());

  it('limits per principal across routes, answers 429 with Retry-After, and never limits /health', async () => {
    // Request 1 of the admin's 5: a second principal, with its own bucket.
    const registered = await ledger.client.post('/principals', { name: 'bob', roles: ['analyst'] });
    expect(registered.status).toBe(201);
    const bob = ledger.client.as(registered.body.token);
    for (let i = 0; i < 4; i++) expect((await ledger.client.get('/principals/me')).status).toBe(200);

    const limited = await ledger.client.get(`/incidents/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toMatchObject({
      statusCode: 429,
      error: 'Too Many Requests',
      message: expect.stringContaining('at most 5 per 60 s per principal'),
      retryAfterSeconds: Number(limited.headers.get('retry-after')),
    });

    expect((await bob.get('/principals/me')).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await ledger.client.get('/health')).status).toBe(200);
  });

  it('limits unauthenticated callers per IP, before authentication, so guessing tokens is limited too', async () => {
    const guesser = ledger.client.as('not-a-valid-token-0000000000');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await guesser.get('/principals/me')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe('limits on size and time', () => {
  let ledger: HardenedTestApp;
  beforeAll(async () => {
    ledger = await startHardenedTestApp({ requestTimeoutMs: 1000, headersTimeoutMs: 1000, maxUrlLength: 1024 });
  });
  afterAll(() => ledger.close());

  it('answers a URL over the limit with 414 and the standard body', async () => {
    const response = await rawRequest(ledger.url, { method: 'GET', target: `/health?x=${'a'.repeat(1100)}` });
    expect(response.status).toBe(414);
    expect(response.json).toMatchObject({ statusCode: 414, error: 'URI Too Long', message: expect.any(String) });
  });

  it('answers headers over the limit with 431', async () => {
    const response = await rawRequest(ledger.url, { method: 'GET', target: '/health', headers: { 'x-pad': 'a'.repeat(20_000) } });
    expect(response.status).toBe(431);
  });

  it('answers a client that never finishes its body with 408, and keeps serving', async () => {
    const response = await rawRequest(ledger.url, {
      method: 'POST',
      target: '/incidents',
      headers: { ...auth, 'content-type': 'application/json', 'content-length': '1000' },
      body: '{"title":',
    });
    expect(response.status).toBe(408);
    expect((await ledger.client.get('/health')).status).toBe(200);
  });
});

describe('input the routes refuse', () => {
  let ledger: HardenedTestApp;
  let id: string;
  beforeAll(async () => {
    ledger = await startHardenedTestApp();
    id = await logIncident(ledger.client);
  });
  afterAll(() => ledger.close());

  it('keeps legitimate Unicode intact: accents, CJK, emoji, tabs and line breaks in free text', async () => {
    const title = 'Exfiltración vía DNS – 東京オフィス 🚨';
    const description = 'Línea 1\n\tLínea 2 — ✅ 👩🏽‍💻 Ελληνικά العربية';
    const logged = await ledger.client.post('/incidents', { ...newIncidentBody(title), description });
    expect(logged.status).toBe(201);
    const incident = await ledger.client.get(`/incidents/${logged.body.id}`);
    expect(incident.body).toMatchObject({ title, description });
    expect((await ledger.client.post(`/incidents/${logged.body.id}/notes`, { text: 'Überprüft 🙂' })).status).toBe(201);
  });

  it.each([
    ['a line break in a title', { ...newIncidentBody('two\nlines') }, 'title'],
    ['an escape sequence in a description', { ...newIncidentBody(), description: 'red \u001b[31m text' }, 'description'],
    ['a NUL in a description', { ...newIncidentBody(), description: 'a\u0000b' }, 'description'],
    ['null for an optional field', { ...newIncidentBody(), detectedAt: null }, 'detectedAt'],
  ])('refuses %s with a 400 naming the field', async (_label, body, field) => {
    const response = await ledger.client.post('/incidents', body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  });

  it('refuses null for optional command fields too', async () => {
    await advance(ledger.client, id, 2);
    const response = await ledger.client.post(`/incidents/${id}/assign`, { assignee: 'alice', team: null });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'team', reason: expect.any(String) }]);
  });

  it('refuses query parameters a route does not read, and a body on a GET', async () => {
    const unknown = await ledger.client.get(`/incidents/${id}/events?limit=5`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toEqual([{ field: 'query:limit', reason: 'is not a parameter of this route' }]);
    const withBody = await rawRequest(ledger.url, {
      method: 'GET',
      target: `/incidents/${id}`,
      headers: { ...auth, 'content-type': 'application/json' },
      body: '{"x":1}',
    });
    expect(withBody.status).toBe(400);
    expect(withBody.json.errors).toEqual([{ field: '(body)', reason: 'must be absent' }]);
  });

  it('accepts only JSON bodies: forms are 415, not parsed into commands', async () => {
    const form = await rawRequest(ledger.url, {
      method: 'POST',
      target: '/incidents',
      headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'title=x&description=y&source=monitoring',
    });
    expect(form.status).toBe(415);
  });
});
