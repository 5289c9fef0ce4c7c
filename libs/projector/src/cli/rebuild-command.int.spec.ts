import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { SqliteEventStore } from '@ledger/event-store';
import { SqliteReadStore } from '@ledger/read-store';
import { appendSyntheticLedger } from '../testing';
import { parseRebuildArgs, runRebuild, selectProjections } from './rebuild-command';
import { ProjectorUsageError } from './usage-error';
import { loadStoresConfig, StoresConfigError } from './stores-config';


const capture = () => {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
};

describe('ledger rebuild <projection>', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-cli-'));
    const events = await SqliteEventStore.open({ directory: dir });
    await appendSyntheticLedger(events, { events: 400, seed: 5 });
    await events.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('rebuilds from the stores the environment names and reports on stdout', async () => {
    const stdout = capture();
    const stderr = capture();
    const first = await runRebuild(['incident-summary', '--drop-delay-ms=0'], { LEDGER_DATA_DIR: dir }, {
      stdout: stdout.stream,
      stderr: stderr.stream as unknown as NodeJS.WriteStream,
    });
    expect(first.collections).toHaveLength(1);
    expect(first.collections[0]).toMatchObject({ projection: 'incident-summary' });
    expect(stdout.text()).toContain(`incident-summary: (none) -> ${first.collections[0]!.collection}`);
    expect(stdout.text()).toMatch(/rebuilt up to position \d+: \d+ events/);
    // Not a terminal: progress as plain lines, ending at 100 %.
    expect(stderr.text()).toMatch(/100% \(.*switched\)/);

    // Again: the first rebuild's collection is replaced and dropped.
    const second = await runRebuild({ projections: ['incident_summary_v1'], dropDelayMs: 0, progress: false }, { LEDGER_DATA_DIR: dir }, { stdout: capture().stream });
    expect(second.collections[0]!.previous).toBe(first.collections[0]!.collection);
    const readStore = await SqliteReadStore.open({ directory: dir });
    try {
      expect(await readStore.getActiveCollection('incident-summary')).toBe(second.collections[0]!.collection);
      expect(await readStore.listCollections()).toEqual([second.collections[0]!.collection]);
    } finally {
      await readStore.close();
    }
  });

  it('parses its arguments and refuses bad ones', () => {
    expect(parseRebuildArgs(['all', '--page-size=100', '--batch-events=1000', '--keep-previous', '--no-progress'])).toEqual({
      projections: ['all'],
      pageSize: 100,
      batchEvents: 1000,
      keepPrevious: true,
      progress: false,
    });
    expect(() => parseRebuildArgs(['--page-size=0'])).toThrow(ProjectorUsageError);
    expect(() => parseRebuildArgs(['--what'])).toThrow(ProjectorUsageError);
    expect(selectProjections(['all'])).toHaveLength(3);
    expect(() => selectProjections([])).toThrow(ProjectorUsageError);
    expect(() => selectProjections(['nope'])).toThrow(/unknown projection 'nope'/);
  });

  it('reads the same variables as the API', () => {
    expect(loadStoresConfig({ LEDGER_DATA_DIR: '/data' })).toEqual({ eventStore: 'embedded', readStore: 'embedded', dataDir: '/data' });
    expect(() => loadStoresConfig({ LEDGER_EVENTSTORE: 'esdb' })).toThrow(StoresConfigError);
    expect(() => loadStoresConfig({ LEDGER_READSTORE: 'mongodb' })).toThrow(/MONGODB_URI/);
    expect(() => loadStoresConfig({ LEDGER_READSTORE: 'postgres' })).toThrow(/LEDGER_READSTORE/);
  });
});
