import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteEventStore } from '@ledger/event-store';
import { accessRecords } from '@ledger/ledger';
import { registerEvidence } from '../../api/src/evidence/testing/evidence-fixtures';
import { lifecycleSteps, logIncident } from '../../../test/support/incident-fixtures';
import type { LedgerHttpClient } from '../../../test/support/ledger-http-client';
import { startLedgerTestApp } from '../../../test/support/ledger-test-app';
import { privateBuiltCli } from './testing/built-cli';

/** Runs the main-path steps [from, to) on an incident (advance() always starts from the first). */
const drive = async (client: LedgerHttpClient, id: string, from: number, to: number = lifecycleSteps.length): Promise<void> => {
  for (const [action, body] of lifecycleSteps.slice(from, to)) {
    const response = await client.post(`/incidents/${id}/${action}`, body);
    if (response.status >= 300) throw new Error(`${action} failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
};
/** bin/ledger.js of a private copy of the build (see privateBuiltCli). */
let LEDGER = '';

type Run = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs the built CLI through bin/ledger.js, as `npx ledger …` would, with its own environment and stdin. */
const ledger = (args: readonly string[], env: NodeJS.ProcessEnv, input = ''): Promise<Run> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LEDGER, ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });

const scratch: string[] = [];
const tempDir = (prefix: string): string => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  scratch.push(dir);
  return dir;
};

/** A copy of a closed data directory. */
const copyDataDir = (from: string): string => {
  const to = tempDir('ledger-cli-copy-');
  for (const file of readdirSync(from)) copyFileSync(join(from, file), join(to, file));
  return to;
};

describe('the ledger CLI (built, as a child process)', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let id: string;
  let events: any[];
  let disposeBuild = (): void => undefined;

  beforeAll(async () => {
    const built = await privateBuiltCli();
    LEDGER = built.bin;
    disposeBuild = built.dispose;
    dataDir = tempDir('ledger-cli-data-');
    // The API writes the ledger (and its signing key, and a checkpoint at shutdown); the CLI reads it after.
    const app = await startLedgerTestApp({ LEDGER_DATA_DIR: dataDir });
    try {
      id = await logIncident(app.client);
      await drive(app.client, id, 0, 4);
      const evidenceId = await registerEvidence(app.client, id, { collectedBy: 'alice' });
      await app.client.post(`/incidents/${id}/evidence/${evidenceId}/transfers`, { from: 'alice', to: 'bob', purpose: 'imaging' });
      await drive(app.client, id, 4);
      events = (await app.client.get(`/incidents/${id}/events`)).body.events;
    } finally {
      await app.close();
    }
    env = { LEDGER_DATA_DIR: dataDir };
  }, 240_000);

  afterAll(() => {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
    disposeBuild();
  });

  it('verify: the intact ledger exits 0', async () => {
    const run = await ledger(['verify'], env);
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toContain('Ledger OK.');
    expect(run.stdout).toMatch(/Verified \d+ events in \d+ streams \(1 incidents\)/);
    // stderr is not a terminal here: no progress bar.
    expect(run.stderr).toBe('');
  });

  it('replay: prints every step with who, both UTC times and the changes', async () => {
    const run = await ledger(['replay', id], env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Incident ${id} (incident-${id}): ${events.length} of ${events.length} events`);
    for (const event of events) {
      expect(run.stdout).toContain(`#${event.revision}  ${event.type}  by admin (principal-admin)`);
      expect(run.stdout).toContain(`occurred ${event.metadata.occurredAt} UTC   recorded ${event.metadata.recordedAt} UTC`);
      expect(run.stdout).toContain(`hash ${event.metadata.hash}`);
    }
    expect(run.stdout).toContain('status: triaged -> assigned');
    expect(run.stdout).toContain('Final status: reviewed');
  });

  it('replay --as-of stops at that instant; --step waits for Enter and stops on q', async () => {
    const cut = await ledger(['replay', id, '--as-of', events[2].metadata.recordedAt], env);
    expect(cut.code).toBe(0);
    expect(cut.stdout).toContain('#2  IncidentPrioritized');
    expect(cut.stdout).not.toContain('#3  ');

    const stepped = await ledger(['replay', id, '--step'], env, '\n\nq\n');
    expect(stepped.code).toBe(0);
    expect(stepped.stdout).toContain('#2  IncidentPrioritized');
    expect(stepped.stdout).not.toContain('#3  ');
    expect(stepped.stderr).toContain('-- Enter: next step, q: quit --');
    expect(stepped.stderr).toContain('stopped after revision 2');
  });

  it('export writes the file and records the access as cli:<user>; verify <bundle> accepts it, and refuses it changed', async () => {
    const out = join(tempDir('ledger-cli-out-'), 'bundle.json');
    const run = await ledger(['export', id, '--format', 'json', '--out', out, '--reason', 'court order 17'], env);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(out);
    expect(existsSync(out)).toBe(true);

    const store = await SqliteEventStore.open({ directory: dataDir });
    try {
      expect((await accessRecords(store, { incidentId: id })).at(-1)).toMatchObject({
        action: 'incident.export',
        format: 'json',
        reason: 'court order 17',
        actor: { id: `cli:${userInfo().username}` },
      });
    } finally {
      await store.close();
    }

    const ok = await ledger(['verify', out], {});
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`Bundle ${out} OK: ${events.length} events in 1 stream(s)`);
    const fingerprint = /signed by (sha256:[0-9a-f]{64})/.exec(ok.stdout)![1]!;
    expect((await ledger(['verify', out, '--key', fingerprint], {})).code).toBe(0);
    expect((await ledger(['verify', out, '--key', `sha256:${'0'.repeat(64)}`], {})).code).toBe(1);

    const tampered = join(tempDir('ledger-cli-out-'), 'tampered.json');
    writeFileSync(tampered, readFileSync(out, 'utf8').replace('"assignee": "alice"', '"assignee": "alicf"'));
    const bad = await ledger(['verify', tampered], {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('FAILED verification');
  });

  it('export --format csv --out - writes to stdout; pdf lands under its own name', async () => {
    const csv = await ledger(['export', id, '--format', 'csv', '--out', '-'], env);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\r\n').filter(Boolean)).toHaveLength(1 + events.length);

    const cwd = tempDir('ledger-cli-cwd-');
    const pdf = await new Promise<Run>((resolve, reject) => {
      const child = spawn(process.execPath, [LEDGER, 'export', id, '--format', 'pdf'], { cwd, env: { PATH: process.env.PATH, ...env } });
      let stdout = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr: '' }));
    });
    expect(pdf.code).toBe(0);
    expect(pdf.stdout.trim()).toMatch(new RegExp(`incident-${id}-exported-\\d{8}T\\d{6}Z\\.pdf$`));
    expect(readFileSync(pdf.stdout.trim()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('verify: a tampered data directory exits 1 naming the stream and revision', async () => {
    const copy = copyDataDir(dataDir);
    const db = new Database(join(copy, 'events.sqlite'));
    try {
      db.exec('DROP TRIGGER events_no_update');
      const row = db.prepare('SELECT data FROM events WHERE stream = ? AND revision = 3').get(`incident-${id}`) as { data: string };
      db.prepare('UPDATE events SET data = ? WHERE stream = ? AND revision = 3').run(row.data.replace('alice', 'mallory'), `incident-${id}`);
    } finally {
      db.close();
    }
    const run = await ledger(['verify'], { LEDGER_DATA_DIR: copy });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`incident-${id}`);
    expect(run.stderr).toContain('revision 3');
    expect(run.stderr).toContain('hash-mismatch');
  });

  it.each([
    [['bogus'], 2],
    [['export', 'x'], 2],
    [['export', 'x', '--format', 'xlsx'], 2],
    [['export', '--format', 'csv'], 2],
    [['replay'], 2],
    [['replay', 'x', '--as-of', 'yesterday'], 2],
    [['verify', 'no-such-bundle.json'], 3],
  ])('usage and not-found errors: ledger %j exits %i', async (args, code) => {
    const run = await ledger(args, env);
    expect(run.code).toBe(code);
    expect(run.stderr).not.toBe('');
  });

  it('unknown incidents exit 3, a missing store 4, each saying what and where', async () => {
    const unknown = await ledger(['replay', '00000000-0000-4000-8000-000000000000'], env);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain(`not found in ${dataDir}`);
    const missing = join(tmpdir(), 'ledger-cli-no-such-dir');
    const noStore = await ledger(['verify'], { LEDGER_DATA_DIR: missing });
    expect(noStore.code).toBe(4);
    expect(noStore.stderr).toContain(join(missing, 'events.sqlite'));
    expect(existsSync(missing)).toBe(false);
  });
});
