import Database from 'better-sqlite3';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReadStore } from '../read-store';
import { describeReadStoreContract } from '../testing/read-store-contract';
import { openReadStore } from '../open-read-store';
import { SQLITE_READ_STORE_FILE, SqliteReadStore } from './sqlite-read-store';

const dirs: string[] = [];
const newDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'ledger-read-store-'));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describeReadStoreContract('SQLite', () => ({
  async create() {
    return SqliteReadStore.open({ directory: await newDir() });
  },
  async reopen(store: ReadStore) {
    const file = (store as SqliteReadStore).file;
    await store.close();
    return SqliteReadStore.open({ file });
  },
}));

describe('SqliteReadStore specifics', () => {
  const stores: SqliteReadStore[] = [];
  const open = async (options: Parameters<typeof SqliteReadStore.open>[0]): Promise<SqliteReadStore> => {
    const store = await SqliteReadStore.open(options);
    stores.push(store);
    return store;
  };
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  const incidents = (count: number) =>
    Array.from({ length: count }, (_, i) => ({
      collection: 'incidents',
      type: 'put' as const,
      document: {
        id: `inc-${i}`,
        status: ['logged', 'assigned', 'contained', 'closed'][i % 4],
        priority: `P${(i % 5) + 1}`,
        openedAt: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
        subcategories: [`sub-${i % 3}`],
      },
    }));
  const byStatus = { name: 'by_status_opened', keys: [{ field: 'status', direction: 'asc' as const }, { field: 'openedAt', direction: 'desc' as const }] };
  const listQuery = {
    filter: [{ field: 'status', op: 'eq' as const, value: 'assigned' }],
    sort: [{ field: 'openedAt', direction: 'desc' as const }],
    limit: 50,
  };

  it('lives in <dataDir>/read-models.sqlite, in WAL mode with synchronous NORMAL and a busy timeout', async () => {
    const dir = await newDir();
    const store = await open({ directory: dir, busyTimeoutMs: 1234 });

    expect(store.settings).toEqual({
      file: join(dir, 'read-models.sqlite'),
      journalMode: 'wal',
      synchronous: 1,
      busyTimeoutMs: 1234,
      pageSize: 16_384,
    });
  });

  it('keeps the page size of a file made before pages of 16 KiB, and works on it', async () => {
    const dir = await newDir();
    const file = join(dir, 'read-models.sqlite');
    const old = new Database(file);
    old.pragma('page_size = 4096');
    old.pragma('journal_mode = WAL');
    old.exec('CREATE TABLE unrelated (x)');
    old.close();
    const store = await open({ file });

    expect(store.settings.pageSize).toBe(4096);
    await store.commit(incidents(50));
    expect(await store.count('incidents')).toBe(50);
  });

  it('answers a filtered, sorted list query from an expression index, without a scan or a sort', async () => {
    const store = await open({ directory: await newDir() });
    await store.ensureCollection('incidents', [byStatus]);
    await store.commit(incidents(2000));

    const plan = await store.explainFind('incidents', listQuery);

    expect(plan.join('\n')).toMatch(/SEARCH t USING (COVERING )?INDEX .*by__status__opened \(<expr>=\?\)/);
    expect(plan.join('\n')).not.toMatch(/SCAN t|TEMP B-TREE/);
  });

  it('seeks deep pages through the index instead of walking it from the start', async () => {
    const store = await open({ directory: await newDir() });
    await store.ensureCollection('incidents', [byStatus]);
    await store.commit(incidents(2000));
    const first = await store.find('incidents', listQuery);

    const plan = await store.explainFind('incidents', { ...listQuery, cursor: first.nextCursor! });

    expect(plan.join('\n')).toMatch(/USING INDEX .*by__status__opened \(<expr>=\? AND <expr><\?\)/);
    // Rows come out in index order: no OR split over the index that would sort everything before the cursor.
    expect(plan.join('\n')).not.toMatch(/MULTI-INDEX OR|TEMP B-TREE/);
  });

  it('seeks deep pages of a status-in, priority-eq query in index order, without sorting the rows before the cursor', async () => {
    const store = await open({ directory: await newDir() });
    const byPriority = { name: 'by_priority_opened', keys: [{ field: 'priority', direction: 'asc' as const }, byStatus.keys[1]] };
    const byStatusPriority = {
      name: 'by_status_priority_opened',
      keys: [byStatus.keys[0], byPriority.keys[0], byStatus.keys[1]],
    };
    await store.ensureCollection('incidents', [byPriority, byStatusPriority]);
    await store.commit(incidents(2000));
    const triage = {
      ...listQuery,
      filter: [
        { field: 'status', op: 'in' as const, values: ['assigned', 'contained'] },
        { field: 'priority', op: 'eq' as const, value: 'P2' },
      ],
    };
    const first = await store.find('incidents', triage);

    const plan = (await store.explainFind('incidents', { ...triage, cursor: first.nextCursor! })).join('\n');

    expect(plan).toMatch(/SEARCH t USING INDEX .*by__(status__)?priority__opened \(<expr>=\? AND <expr><\?\)/);
    expect(plan).not.toMatch(/MULTI-INDEX OR|TEMP B-TREE/);
  });

  it('shares one file between connections, array fields and drops included', async () => {
    const file = join(await newDir(), 'shared.sqlite');
    const writer = await open({ file });
    const reader = await open({ file });
    await reader.ensureCollection('incidents', []);
    expect(await reader.count('incidents', [{ field: 'subcategories', op: 'eq', value: 'sub-1' }])).toBe(0);

    await writer.commit(incidents(30), { name: 'summary', position: 30n });

    expect(await reader.count('incidents', [{ field: 'subcategories', op: 'eq', value: 'sub-1' }])).toBe(10);
    expect(await reader.readCheckpoint('summary')).toBe(30n);
    await writer.dropCollection('incidents');
    expect(await reader.get('incidents', 'inc-1')).toBeUndefined();
    expect(await reader.count('incidents')).toBe(0);
    await reader.commit(incidents(2));
    expect(await writer.count('incidents')).toBe(2);
  });

  it('refuses paths through arrays and sorts on arrays rather than answer differently from MongoDB', async () => {
    const store = await open({ directory: await newDir() });
    await store.commit([{ collection: 'notes', type: 'put', document: { id: 'n', notes: [{ author: 'amy' }], tags: ['a'] } }]);

    const name = async (promise: Promise<unknown>): Promise<string | undefined> => promise.then(() => undefined, (e: Error) => e.name);
    expect(await name(store.find('notes', { limit: 5, filter: [{ field: 'notes.author', op: 'eq', value: 'amy' }] }))).toBe('InvalidQueryError');
    expect(await name(store.find('notes', { limit: 5, sort: [{ field: 'tags', direction: 'asc' }] }))).toBe('InvalidQueryError');
    expect(await name(store.countBy('notes', 'notes.author'))).toBe('InvalidQueryError');
  });

  it('keeps collection names apart by case in table names', async () => {
    const file = join(await newDir(), 'names.sqlite');
    const store = await open({ file });
    await store.ensureCollection('incidentSummary_v1', [{ name: 'byStatus', keys: [{ field: 'status', direction: 'asc' }] }]);
    await store.ensureCollection('incidentsummary_v1', []);
    await store.close();

    const db = new Database(file, { readonly: true });
    const names = db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'c\\_%' ESCAPE '\\' ORDER BY name").pluck().all();
    db.close();

    expect(names).toEqual(['c_incident_summary__v1', 'c_incident_summary__v1.by_status', 'c_incidentsummary__v1']);
  });

  it('fails to open something that is not a database with ReadStoreUnavailableError naming the file', async () => {
    const file = join(await newDir(), 'not-a-db.sqlite');
    await writeFile(file, 'this is not an SQLite database, just text long enough to fill a header page'.repeat(20));

    const error = await SqliteReadStore.open({ file }).then(
      () => undefined,
      (e: Error) => e,
    );

    expect(error?.name).toBe('ReadStoreUnavailableError');
    expect(error?.message).toContain(file);
  });

  it('is what openReadStore opens for LEDGER_READSTORE=embedded', async () => {
    const dir = await newDir();
    const store = await openReadStore({ kind: 'embedded', directory: dir });
    stores.push(store as SqliteReadStore);

    expect(store).toBeInstanceOf(SqliteReadStore);
    expect((store as SqliteReadStore).file).toBe(join(dir, SQLITE_READ_STORE_FILE));
  });

  it('rejects calls after close with ReadStoreUnavailableError', async () => {
    const store = await open({ directory: await newDir() });
    await store.close();

    await expect(store.get('incidents', 'x')).rejects.toMatchObject({ name: 'ReadStoreUnavailableError' });
  });
});
