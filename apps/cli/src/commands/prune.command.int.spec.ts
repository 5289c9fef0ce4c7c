import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SqliteReadStore } from '@ledger/read-store';
import type { CliIo } from '../cli-io';
import { EXIT } from '../exit-codes';
import { runCli } from '../program';

describe('ledger prune', () => {
  let dataDir: string;
  const staleRebuild = `incident_summary_v1_r${Date.now() - 48 * 3_600_000}`;
  const recentRebuild = `incident_summary_v1_r${Date.now() - 3_600_000}`;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledger-prune-'));
    const store = await SqliteReadStore.open({ directory: dataDir });
    for (const collection of ['incident_summary_v1', staleRebuild, recentRebuild]) {
      await store.commit([{ collection, type: 'put', document: { id: 'x' } }], { name: collection, position: 1n });
    }
    await store.setActiveCollection('incident-summary', 'incident_summary_v1');
    await store.close();
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const run = async (args: string[]): Promise<{ code: number; stdout: string; stderr: string }> => {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    let out = '';
    let err = '';
    stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const io: CliIo = { stdout, stderr, stdin: new PassThrough(), env: { LEDGER_DATA_DIR: dataDir } };
    const code = await runCli(['prune', ...args], io);
    return { code, stdout: out, stderr: err };
  };
  const collections = async (): Promise<string[]> => {
    const store = await SqliteReadStore.open({ directory: dataDir });
    try {
      return (await store.listCollections()).sort();
    } finally {
      await store.close();
    }
  };

  it('lists with --dry-run, then drops the stale rebuild and keeps the active one and a recent one', async () => {
    const dry = await run(['--dry-run']);
    expect(dry).toMatchObject({ code: EXIT.ok, stdout: `would drop ${staleRebuild} (incident-summary: inactive build)\n1 collection to drop (dry run)\n` });
    expect(await collections()).toHaveLength(3);

    const real = await run([]);

    expect(real.code).toBe(EXIT.ok);
    expect(real.stdout).toContain(`dropped ${staleRebuild}`);
    expect(await collections()).toEqual(['incident_summary_v1', recentRebuild].sort());
  });

  it('given a data directory without a read store, then it creates none and exits 4', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'ledger-prune-empty-'));
    try {
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let err = '';
      stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      const code = await runCli(['prune'], { stdout, stderr, stdin: new PassThrough(), env: { LEDGER_DATA_DIR: empty } });
      expect(code).toBe(EXIT.storeUnreachable);
      expect(err).toContain('No read store at');
      expect(readdirSync(empty)).toEqual([]);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('takes a shorter age, and refuses unknown or malformed options with the usage exit code', async () => {
    expect((await run(['--older-than-hours=0.5'])).code).toBe(EXIT.ok);
    expect(await collections()).toEqual(['incident_summary_v1']);
    for (const bad of [['--older-than-hours=-1'], ['--older-than-hours='], ['--yes'], ['all']]) {
      const result = await run(bad);
      expect(result.code).toBe(EXIT.usage);
      expect(result.stderr).toContain('usage: ledger prune');
    }
  });
});
