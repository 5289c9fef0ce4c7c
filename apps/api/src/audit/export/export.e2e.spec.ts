import { setTimeout as delay } from 'node:timers/promises';
import { accessRecords } from '@ledger/ledger';
import type { EventStore } from '@ledger/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CSV_COLUMNS, Ed25519Signer, verifyBundle } from '@ledger/audit';
import { extractPdfText } from '../../../../../test/support/pdf-text';
import { registerEvidence } from '../../evidence/testing/evidence-fixtures';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { advance, lifecycleSteps, logIncident } from '../../../../../test/support/incident-fixtures';
import type { LedgerHttpClient } from '../../../../../test/support/ledger-http-client';
import { type LedgerTestApp, startLedgerTestApp, TEST_ADMIN_TOKEN } from '../../../../../test/support/ledger-test-app';

/** Runs the main-path steps [from, to) on an incident (advance() always starts from the first). */
const drive = async (client: LedgerHttpClient, id: string, from: number, to: number = lifecycleSteps.length): Promise<void> => {
  for (const [action, body] of lifecycleSteps.slice(from, to)) {
    const response = await client.post(`/incidents/${id}/${action}`, body);
    if (response.status >= 300) throw new Error(`${action} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
};
type Download = Readonly<{ status: number; headers: Headers; body: Buffer }>;

/** GETs a file as bytes (the JSON client would parse it). */
const download = async (ledger: LedgerTestApp, path: string): Promise<Download> => {
  const response = await fetch(`${ledger.url}${path}`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
};

/** RFC 4180 records (quoted fields may hold commas, quotes and line breaks). */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  return rows;
};

const FILE_NAME = (id: string, ext: string) => new RegExp(`^attachment; filename="incident-${id}-exported-\\d{8}T\\d{6}Z\\.${ext}"$`);

describe('exports over HTTP', () => {
  let ledger: LedgerTestApp;
  let id: string;
  let events: any[];
  beforeAll(async () => {
    ledger = await startLedgerTestApp();
    id = await logIncident(ledger.client, '=HYPERLINK("http://evil") beaconing');
    await drive(ledger.client, id, 0, 3);
    const evidenceId = await registerEvidence(ledger.client, id, { collectedBy: 'alice' });
    for (const [from, to, purpose] of [
      ['alice', 'bob', 'forensic imaging'],
      ['bob', 'carol', 'legal hold'],
    ]) {
      const moved = await ledger.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, { from, to, purpose });
      expect(moved.status).toBe(201);
    }
    await drive(ledger.client, id, 3);
    events = (await ledger.client.get(`/incidents/${id}/events`)).body.events;
  });
  afterAll(() => ledger.close());

  const lastAccessRecord = async (incidentId: string) => {
    const records = await ledger.client.get(`/incidents/${incidentId}/access-records`);
    expect(records.status).toBe(200);
    return records.body.records.at(-1);
  };

  it('CSV: one row per event with both UTC times and the hashes, as an attachment', async () => {
    const csv = await download(ledger, `/incidents/${id}/export?format=csv&reason=${encodeURIComponent('Case 2026-017')}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toMatch(FILE_NAME(id, 'csv'));
    const [header, ...rows] = parseCsv(csv.body.toString('utf8'));
    expect(header).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(events.length);
    const column = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
    rows.forEach((row, index) => {
      const event = events[index];
      expect(row[column('eventId')]).toBe(event.eventId);
      expect(row[column('occurredAt (UTC)')]).toBe(event.metadata.occurredAt);
      expect(row[column('recordedAt (UTC)')]).toBe(event.metadata.recordedAt);
      expect(row[column('prevHash')]).toBe(event.metadata.prevHash);
      expect(row[column('hash')]).toBe(event.metadata.hash);
    });
    // Hostile text stays inside its cell, as text, and intact in the data.
    expect(rows[0]![column('summary')]).toBe(`Logged by admin from monitoring: =HYPERLINK("http://evil") beaconing`);
    expect(JSON.parse(rows[0]![column('data (JSON)')]!).title).toBe('=HYPERLINK("http://evil") beaconing');
    expect(await lastAccessRecord(id)).toMatchObject({
      data: { action: 'incident.export', subject: { kind: 'incident', id }, format: 'csv', reason: 'Case 2026-017' },
      metadata: { actor: { id: 'principal-admin', name: 'admin' } },
    });
  });

  it('PDF: its text holds the summary, the timeline, the custody transfers and the hashes', async () => {
    const pdf = await download(ledger, `/incidents/${id}/export?format=pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(FILE_NAME(id, 'pdf'));
    // pdf.js, as a reader's PDF viewer would see it; whitespace folded since line breaks depend on layout.
    const text = (await extractPdfText(pdf.body)).replace(/\s+/g, ' ');
    expect(text).toContain(`Incident ID ${id}`);
    expect(text).toContain('Status reviewed');
    expect(text).toContain('Assigned to alice (soc-tier2)');
    expect(text).toContain('Contained: Isolated host WS-042');
    expect(text).toContain('2. Transferred from alice to bob - purpose: forensic imaging');
    expect(text).toContain('3. Transferred from bob to carol - purpose: legal hold');
    for (const event of events) {
      expect(text).toContain(event.metadata.hash);
      expect(text).toContain(`occurred ${event.metadata.occurredAt} UTC - recorded ${event.metadata.recordedAt} UTC`);
    }
    expect(text).toContain(`Head hash ${events.at(-1).metadata.hash}`);
    expect(text).toContain(`VERIFIED: intact from genesis (${events.length} events)`);
    expect(await lastAccessRecord(id)).toMatchObject({ data: { action: 'incident.export', format: 'pdf' } });
  });

  it('answers 404 for an unknown incident (and records nothing), 400 for an unknown format', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await ledger.client.get(`/incidents/${unknown}/export?format=csv`)).status).toBe(404);
    expect(await accessRecords(ledger.app.get<EventStore>(EVENT_STORE), { incidentId: unknown })).toEqual([]);
    expect((await ledger.client.get(`/incidents/${id}/export?format=xlsx`)).status).toBe(400);
  });
});

describe('JSON bundle export', () => {
  it('downloads a signed bundle that verifies offline after the ledger is gone, and not once changed', async () => {
    const ledger = await startLedgerTestApp();
    let text: string;
    let fingerprint: string;
    let events: any[];
    let headers: Headers;
    try {
      const id = await logIncident(ledger.client);
      await advance(ledger.client, id, 4);
      const evidenceId = await registerEvidence(ledger.client, id, { collectedBy: 'alice' });
      await ledger.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, { from: 'alice', to: 'bob', purpose: 'imaging' });
      events = (await ledger.client.get(`/incidents/${id}/events`)).body.events;
      const json = await download(ledger, `/incidents/${id}/export?format=json&reason=audit`);
      expect(json.status).toBe(200);
      headers = json.headers;
      text = json.body.toString('utf8');
      fingerprint = Ed25519Signer.fromPem(readFileSync(join(ledger.dataDir, 'signing-key.pem'), 'utf8')).fingerprint;
      expect(headers.get('content-disposition')).toMatch(FILE_NAME(id, 'json'));
      const records = (await ledger.client.get(`/incidents/${id}/access-records`)).body.records;
      expect(records.at(-1)).toMatchObject({ data: { action: 'incident.export', format: 'json', reason: 'audit' } });
    } finally {
      await ledger.close();
    }
    // The app is closed and its data directory deleted: only the text is left.
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(verifyBundle(text, { expectedKeyFingerprint: fingerprint })).toMatchObject({ ok: true, keyFingerprint: fingerprint, streams: 1, events: events.length });

    const bundle = JSON.parse(text);
    expect(bundle).toMatchObject({
      format: 'incident-ledger/bundle@1',
      exportedBy: { id: 'principal-admin', name: 'admin' },
      scope: { incidentId: events[0].data.incidentId },
      heads: [{ stream: events[0].stream, revision: events.at(-1).revision, hash: events.at(-1).metadata.hash }],
      signature: { algorithm: 'Ed25519', keyFingerprint: fingerprint },
    });
    // Events exactly as stored, with their envelopes and hashes.
    expect(bundle.streams[0].events).toEqual(events.map(({ schemaVersion: _v, ...event }) => event));
    expect(bundle.timeline.map((entry: any) => [entry.occurredAt, entry.recordedAt, entry.hash])).toEqual(
      events.map((event) => [event.metadata.occurredAt, event.metadata.recordedAt, event.metadata.hash]),
    );
    expect(bundle.custody[0].links.map((link: any) => [link.action, link.from, link.to])).toEqual([
      ['collected', null, 'alice'],
      ['transferred', 'alice', 'bob'],
    ]);

    // One character changed anywhere (here: the assignee in the data) and it no longer verifies.
    const tampered = text.replace('"assignee": "alice"', '"assignee": "alicf"');
    expect(tampered).not.toBe(text);
    expect(verifyBundle(tampered)).toMatchObject({ ok: false, failure: { kind: 'signature-invalid' } });
  });
});

describe('date-range exports over HTTP', () => {
  let ledger: LedgerTestApp;
  let before: string;
  let inside: string;
  let after: string;
  let from: string;
  let to: string;
  // Recorded times have millisecond precision: step past the current one so bounds fall between events.
  const tick = async (): Promise<string> => {
    await delay(5);
    const now = new Date().toISOString();
    await delay(5);
    return now;
  };
  beforeAll(async () => {
    ledger = await startLedgerTestApp();
    before = await logIncident(ledger.client, 'before the period, touched inside it');
    const untouched = await logIncident(ledger.client, 'before the period only');
    from = await tick();
    inside = await logIncident(ledger.client, 'opened inside the period');
    await drive(ledger.client, before, 0, 1);
    to = await tick();
    after = await logIncident(ledger.client, 'opened after the period');
    await drive(ledger.client, inside, 0, 2);
    expect(untouched).toBeDefined();
  });
  afterAll(() => ledger.close());

  it('holds exactly the incidents with an event recorded in [from, to), each with its full stream', async () => {
    const csv = await download(ledger, `/exports?from=${from}&to=${to}&format=csv&reason=quarterly`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{8}T\d{6}Z-\d{8}T\d{6}Z-exported-\d{8}T\d{6}Z\.csv"$/);
    const rows = parseCsv(csv.body.toString('utf8')).slice(1);
    const incidents = [...new Set(rows.map((row) => row[0]))];
    expect(incidents.sort()).toEqual([before, inside].sort());
    // Full streams, from genesis, events outside the period included.
    const revisionsOf = (incidentId: string) => rows.filter((row) => row[0] === incidentId).map((row) => row[2]);
    expect(revisionsOf(before)).toEqual(['0', '1']);
    expect(revisionsOf(inside)).toEqual(['0', '1', '2']);
    expect(incidents).not.toContain(after);
  });

  it('as a JSON bundle: every included stream from genesis, and it verifies', async () => {
    const json = await download(ledger, `/exports?from=${from}&to=${to}&format=json`);
    expect(json.status).toBe(200);
    const text = json.body.toString('utf8');
    expect(verifyBundle(text)).toMatchObject({ ok: true, streams: 2, events: 5 });
    const bundle = JSON.parse(text);
    expect(bundle.scope).toEqual({ from, to });
    expect(bundle.streams.map((stream: any) => [stream.stream, stream.events[0].revision]).sort()).toEqual(
      [`incident-${before}`, `incident-${inside}`].sort().map((stream) => [stream, '0']),
    );
  });

  it('records a ledger-wide access record and one in each exported incident’s trail', async () => {
    await download(ledger, `/exports?from=${from}&to=${to}&format=pdf&reason=${encodeURIComponent('regulator request R-9')}`);
    const store = ledger.app.get<EventStore>(EVENT_STORE);
    const wide = (await accessRecords(store)).at(-1);
    expect(wide).toMatchObject({
      action: 'ledger.export',
      subject: { kind: 'ledger', id: `${from}/${to}` },
      format: 'pdf',
      reason: 'regulator request R-9',
      actor: { id: 'principal-admin', name: 'admin' },
    });
    for (const incidentId of [before, inside]) {
      expect((await accessRecords(store, { incidentId })).at(-1)).toMatchObject({
        action: 'ledger.export',
        subject: { kind: 'incident', id: incidentId },
        correlationId: wide!.correlationId,
      });
    }
    expect(await accessRecords(store, { incidentId: after })).toEqual([]);
  });

  it('refuses a period without a zone, a missing bound, or from after to', async () => {
    expect((await ledger.client.get(`/exports?from=2026-01-01T00:00:00&to=${to}`)).status).toBe(400);
    expect((await ledger.client.get(`/exports?to=${to}`)).status).toBe(400);
    const reversed = await ledger.client.get(`/exports?from=${to}&to=${from}`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toContain('from must be before to');
  });
});
