import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RecordedEvent, SqliteEventStore } from '@ledger/event-store';
import { verifyBundle } from '../bundle/verify-bundle';
import { Ed25519Signer } from '../signing/ed25519-signer';
import { ExportSubjectNotFoundError, InvalidExportRequestError } from './export-errors';
import type { ExportAccessEntry } from './export-ports';
import { findIncidentsRecordedIn } from './incidents-in-range';
import { LedgerExporter } from './ledger-exporter';
import { extractPdfText } from './testing/pdf-text';
import { lifecycleSteps, sealedStream } from './testing/sealed-incident';

const A = 'aaaaaaaa-0000-4000-8000-000000000001';
const B = 'bbbbbbbb-0000-4000-8000-000000000002';
const ADMIN = { id: 'principal-admin', name: 'admin' };

describe('LedgerExporter over the embedded store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let recorded: RecordedEvent[];
  const signer = Ed25519Signer.generate();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-exporter-'));
    store = await SqliteEventStore.open({ directory: dir });
    // A: events a minute apart from 08:00 (recorded 5 s later); B: one event at 09:00.
    recorded = sealedStream(A, lifecycleSteps(), { start: '2026-03-01T08:00:00.000Z' });
    const b = sealedStream(B, lifecycleSteps().slice(0, 1), { start: '2026-03-01T09:00:00.000Z' });
    for (const [stream, events] of [
      [`incident-${A}`, recorded],
      [`incident-${B}`, b],
    ] as const) {
      await store.append(stream, events.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })), 'no_stream');
    }
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const exporter = (access: ExportAccessEntry[] | (() => Promise<never>), signing = true) =>
    new LedgerExporter({
      store,
      access: { record: typeof access === 'function' ? access : async (entry) => access.push(entry) },
      signer: signing ? signer : null,
      clock: () => new Date('2026-03-02T10:00:00.000Z'),
    });

  it('exports a signed bundle that verifies, names the file after the incident and UTC time, and records the access', async () => {
    const records: ExportAccessEntry[] = [];
    const file = await exporter(records).export({ scope: { incidentId: A }, format: 'json', actor: ADMIN, reason: 'AR-7', correlationId: 'corr-1' });
    expect(file).toMatchObject({ fileName: `incident-${A}-exported-20260302T100000Z.json`, contentType: 'application/json; charset=utf-8', incidentIds: [A] });
    expect(verifyBundle(file.body.toString('utf8'), { expectedKeyFingerprint: signer.fingerprint })).toMatchObject({ ok: true, events: recorded.length });
    expect(records).toEqual([
      { incidentId: A, actor: ADMIN, action: 'incident.export', subject: { kind: 'incident', id: A }, reason: 'AR-7', format: 'json', correlationId: 'corr-1' },
    ]);
  });

  it('hands nothing out when the access cannot be recorded', async () => {
    const failing = async (): Promise<never> => {
      throw new Error('store down');
    };
    await expect(exporter(failing).export({ scope: { incidentId: A }, format: 'csv', actor: ADMIN, correlationId: 'c' })).rejects.toThrow('store down');
  });

  it('refuses an unknown incident (recording nothing) and a JSON bundle without a key', async () => {
    const records: ExportAccessEntry[] = [];
    await expect(
      exporter(records).export({ scope: { incidentId: 'cccccccc-0000-4000-8000-000000000003' }, format: 'pdf', actor: ADMIN, correlationId: 'c' }),
    ).rejects.toBeInstanceOf(ExportSubjectNotFoundError);
    await expect(exporter(records, false).export({ scope: { incidentId: A }, format: 'json', actor: ADMIN, correlationId: 'c' })).rejects.toBeInstanceOf(
      InvalidExportRequestError,
    );
    expect(records).toEqual([]);
    const pdf = await exporter(records, false).export({ scope: { incidentId: A }, format: 'pdf', actor: ADMIN, correlationId: 'c' });
    expect(extractPdfText(pdf.body)).toContain('Signing key fingerprint (no signing key configured)');
  });

  it('finds the incidents with an event recorded in [from, to): from inclusive, to exclusive', async () => {
    const at = (iso: string) => new Date(iso);
    // A's events are recorded at 08:00:05, 08:01:05 … 08:10:05; B's at 09:00:05.
    expect(await findIncidentsRecordedIn(store, at('2026-03-01T08:10:05.000Z'), at('2026-03-01T09:00:05.000Z'))).toEqual([A]);
    expect(await findIncidentsRecordedIn(store, at('2026-03-01T08:10:05.001Z'), at('2026-03-01T09:00:05.000Z'))).toEqual([]);
    expect(await findIncidentsRecordedIn(store, at('2026-03-01T08:10:05.001Z'), at('2026-03-01T09:00:05.001Z'))).toEqual([B]);
    expect(await findIncidentsRecordedIn(store, at('2026-03-01T00:00:00.000Z'), at('2026-03-02T00:00:00.000Z'), { pageSize: 3 })).toEqual([A, B]);
  });

  it('a date-range export records one ledger-wide access and one per incident', async () => {
    const records: ExportAccessEntry[] = [];
    const file = await exporter(records).export({
      scope: { from: '2026-03-01T08:30:00.000Z', to: '2026-03-01T10:00:00.000Z' },
      format: 'csv',
      actor: ADMIN,
      correlationId: 'corr-r',
    });
    expect(file.incidentIds).toEqual([B]);
    expect(file.fileName).toBe('ledger-20260301T083000Z-20260301T100000Z-exported-20260302T100000Z.csv');
    expect(records.map((entry) => [entry.incidentId ?? null, entry.action, entry.subject])).toEqual([
      [null, 'ledger.export', { kind: 'ledger', id: '2026-03-01T08:30:00.000Z/2026-03-01T10:00:00.000Z' }],
      [B, 'ledger.export', { kind: 'incident', id: B }],
    ]);
  });
});
