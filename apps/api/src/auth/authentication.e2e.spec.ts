import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newIncidentBody } from '../../../../test/support/incident-fixtures';
import { type LedgerTestApp, startLedgerTestApp } from '../../../../test/support/ledger-test-app';

describe('authentication', () => {
  let ledger: LedgerTestApp;
  const reporterToken = 'reporter-token-abcdefghijklmnop';
  beforeAll(async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ledger-principals-')), 'principals.json');
    writeFileSync(
      file,
      JSON.stringify([
        {
          id: 'principal-bob',
          name: 'bob',
          roles: ['reporter'],
          tokenSha256: createHash('sha256').update(reporterToken).digest('hex'),
        },
      ]),
    );
    ledger = await startLedgerTestApp({ LEDGER_PRINCIPALS_FILE: file });
  });
  afterAll(() => ledger.close());

  it.each([
    ['no Authorization header', null, undefined],
    ['an unknown token', 'not-a-known-token', undefined],
    ['a malformed header', null, 'Basic YWRtaW46YWRtaW4='],
  ])('refuses %s with 401 and writes nothing', async (_label, token, header) => {
    const before = (await ledger.client.get('/health')).body.headPosition;
    const response = await ledger.client.post('/incidents', newIncidentBody(), {
      token: header ? null : token,
      headers: header ? { authorization: header } : {},
    });
    expect(response.status).toBe(401);
    expect(response.body.message).toEqual(expect.any(String));
    expect((await ledger.client.get('/health')).body.headPosition).toBe(before);
    expect((await ledger.client.get('/incidents/3f2504e0-4f89-41d3-9a0c-0305e82c3301', { token })).status).toBe(401);
  });

  it('attributes events to the authenticated principal, never to anything in the body', async () => {
    const created = await ledger.client.as(reporterToken).post('/incidents', newIncidentBody());
    expect(created.status).toBe(201);
    const spoofed = await ledger.client
      .as(reporterToken)
      .post(`/incidents/${created.body.id}/notes`, { text: 'hi', actor: { id: 'principal-admin' } });
    expect(spoofed.status).toBe(400);
    const history = await ledger.client.get(`/incidents/${created.body.id}/events`);
    expect(history.body.events[0].metadata.actor).toEqual({ id: 'principal-bob', name: 'bob' });
    expect(history.body.events[0].data.reporter).toBe('bob');
  });
});
