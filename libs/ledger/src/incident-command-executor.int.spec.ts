import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncidentCommand } from '@ledger/domain';
import { SqliteEventStore, incidentStream } from '@ledger/event-store';
import { ConcurrencyExhaustedError, IncidentCommandExecutor, IncidentRepository, verifyStreamChain } from '@ledger/ledger';

const actor = { id: 'p-1', name: 'alice' };
const now = () => new Date().toISOString();
const log = (incidentId: string): IncidentCommand => ({
  type: 'LogIncident',
  data: { incidentId, title: 'Suspicious login', description: 'Impossible travel', source: 'monitoring' },
  metadata: { actor, now: now() },
});
const note = (incidentId: string, text: string): IncidentCommand => ({
  type: 'AddNote',
  data: { incidentId, noteId: randomUUID(), text },
  metadata: { actor, now: now() },
});
const context = () => ({
  commandId: randomUUID(),
  correlationId: randomUUID(),
  causationId: randomUUID(),
  fingerprint: 'f',
});

describe('IncidentCommandExecutor across processes sharing one store', () => {
  let dir: string;
  let store: SqliteEventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-executor-'));
    store = await SqliteEventStore.open({ directory: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides again after losing a race, so concurrent commands from two API processes all land', async () => {
    // Two executors with their own caches and serializers behave like two processes.
    const a = new IncidentCommandExecutor(new IncidentRepository(store));
    const b = new IncidentCommandExecutor(new IncidentRepository(store));
    const incidentId = randomUUID();
    await a.execute(log(incidentId), context());
    await b.execute(note(incidentId, 'warm b cache'), context());

    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).execute(note(incidentId, `note ${i}`), context())),
    );
    expect(results.map((r) => r.revision).sort((x, y) => Number(x - y))).toEqual(
      Array.from({ length: 30 }, (_, i) => BigInt(i + 2)),
    );
    const events = await store.readStream(incidentStream(incidentId));
    expect(events).toHaveLength(32);
    expect(verifyStreamChain(incidentStream(incidentId), events).ok).toBe(true);
  });

  it('gives up with ConcurrencyExhaustedError after its bounded retries', async () => {
    const incidentId = randomUUID();
    const setup = new IncidentCommandExecutor(new IncidentRepository(store));
    await setup.execute(log(incidentId), context());
    // A store that always reports someone else got there first.
    const racing = Object.create(store) as SqliteEventStore;
    racing.append = async (stream, events, expected) => {
      const first = events[0]!;
      const other = {
        ...first,
        eventId: randomUUID(),
        data: { ...first.data, noteId: randomUUID() },
        metadata: { ...first.metadata, commandId: randomUUID() },
      };
      await store.append(stream, [other], expected);
      return store.append(stream, events, expected);
    };
    const executor = new IncidentCommandExecutor(new IncidentRepository(racing, undefined, { cacheSize: 0 }), {
      maxAttempts: 3,
    });
    await expect(executor.execute(note(incidentId, 'never lands'), context())).rejects.toBeInstanceOf(
      ConcurrencyExhaustedError,
    );
  });
});
