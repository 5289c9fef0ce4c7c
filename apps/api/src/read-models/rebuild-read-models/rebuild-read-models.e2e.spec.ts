import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { EventStore } from '@ledger/event-store';
import { INCIDENT_SUMMARY, INCIDENT_PROJECTIONS } from '@ledger/projections';
import { rebuildProjections } from '@ledger/projector';
import type { IndexSpec, ReadStore } from '@ledger/read-store';
import { advance, lifecycleSteps, logIncident } from '../../../../../test/support/incident-fixtures';
import { type LedgerTestApp, startLedgerTestApp } from '../../../../../test/support/ledger-test-app';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';
import { createPrincipal } from '../../principals/testing/principal-fixtures';
import { READ_STORE } from '../read-model-tokens';

/** A gate the test opens when it likes; `reached` resolves once something waits at it. */
const gate = () => {
  let open!: () => void;
  let reach!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reached = new Promise<void>((resolve) => (reach = resolve));
  return { open, reached, wait: () => (reach(), opened) };
};

/** The list as clients see it, minus the moment the SLA verdicts were evaluated (that is "now"). */
const withoutEvaluatedAt = (body: { items: any[]; total: number }) => ({
  total: body.total,
  items: body.items.map(({ sla: { evaluatedAt: _at, ...sla }, ...item }) => ({ ...item, sla })),
});

describe('blue-green rebuild over HTTP (POST /read-models/rebuilds)', () => {
  let ledger: LedgerTestApp;
  let readStore: ReadStore;
  let lastPosition: string;

  beforeAll(async () => {
    ledger = await startLedgerTestApp();
    readStore = ledger.app.get<ReadStore>(READ_STORE);
    for (let i = 0; i < 6; i++) {
      const id = await logIncident(ledger.client, `Beaconing from WS-0${i}`);
      await advance(ledger.client, id, i % (lifecycleSteps.length + 1));
    }
    const last = await ledger.client.post('/incidents', { title: 'Odd login', description: 'At 3am', source: 'monitoring' });
    lastPosition = last.body.position;
  }, 60_000);
  afterAll(() => ledger.close());

  const start = (projections: unknown) => ledger.client.post('/read-models/rebuilds', { projections });
  const jobCount = async (): Promise<number> => (await ledger.client.get('/read-models/rebuilds')).body.jobs.length;

  /** Holds every switch of the API's rebuilds at `held` until the test opens it; restore with spy.mockRestore(). */
  const holdAtSwitch = () => {
    const held = gate();
    const setActive = readStore.setActiveCollection.bind(readStore);
    const spy = jest.spyOn(readStore, 'setActiveCollection').mockImplementation(async (name, collection) => {
      await held.wait();
      return setActive(name, collection);
    });
    return { held, spy };
  };

  /** Polls the job until it is no longer running (the rebuild waits 2 s before dropping the old collection). */
  const finished = async (id: string): Promise<any> => {
    for (const deadline = Date.now() + 25_000; Date.now() < deadline; await delay(25)) {
      const response = await ledger.client.get(`/read-models/rebuilds/${id}`);
      expect(response.status).toBe(200);
      if (response.body.state !== 'running') return response.body;
    }
    throw new Error(`rebuild ${id} still running`);
  };

  it('rebuilds incident-summary from position 0 into a new collection, switches reads over, and answers the same', async () => {
    const before = await ledger.client.get(`/incidents?minPosition=${lastPosition}&limit=200`);
    expect(before.body.total).toBe(7);
    const previous = await readStore.getActiveCollection(INCIDENT_SUMMARY);

    const started = await start([INCIDENT_SUMMARY]);
    expect(started.status).toBe(202);
    expect(started.headers.get('location')).toBe(`/read-models/rebuilds/${started.body.id}`);
    expect(started.body).toEqual({
      id: expect.any(String),
      projections: ['incident-summary'],
      state: 'running',
      startedBy: 'principal-admin',
      replica: expect.stringMatching(/^.+:\d+$/),
      startedAt: expect.any(String),
      progress: expect.objectContaining({ phase: expect.any(String), ratio: expect.any(Number), position: expect.stringMatching(/^\d+$/) }),
    });

    const job = await finished(started.body.id);
    // Up to the head: the incidents, and whatever the checkpoint writer appended meanwhile.
    const { position } = job.result;
    expect(BigInt(position)).toBeGreaterThanOrEqual(BigInt(lastPosition));
    expect(job).toMatchObject({
      state: 'succeeded',
      finishedAt: expect.any(String),
      progress: { phase: 'switched', ratio: 1, position, headPosition: position, eventsRead: Number(position) },
      result: {
        collections: [{ projection: 'incident-summary', collection: expect.stringMatching(/^incident_summary_v1_r\d+$/), previous }],
        eventsRead: Number(position),
        seconds: expect.any(Number),
        eventsPerSecond: expect.any(Number),
      },
    });
    expect(job).not.toHaveProperty('error');
    const rebuilt: string = job.result.collections[0].collection;
    expect(rebuilt).not.toBe(previous);
    expect(await readStore.getActiveCollection(INCIDENT_SUMMARY)).toBe(rebuilt);
    // The job ends after the old collection is dropped.
    expect(await readStore.listCollections()).not.toContain(previous);

    const after = await ledger.client.get('/incidents?limit=200');
    expect(withoutEvaluatedAt(after.body)).toEqual(withoutEvaluatedAt(before.body));
    const listed = await ledger.client.get('/read-models/rebuilds');
    expect(listed.body.jobs[0]).toEqual(job);

    // The live projector follows the new collection: a later incident shows up, and the status names it.
    const logged = await ledger.client.post('/incidents', { title: 'After the rebuild', description: 'New', source: 'monitoring' });
    expect((await ledger.client.get(`/incidents?minPosition=${logged.body.position}`)).body.total).toBe(8);
    const status = await ledger.client.get('/read-models/status');
    expect(status.body.projections).toEqual(
      expect.arrayContaining([expect.objectContaining({ projection: INCIDENT_SUMMARY, collection: rebuilt })]),
    );
  });

  it.each([
    ['an unknown projection', { projections: ['incident-summary', 'nope'] }, 'projections', 'must be one of'],
    ['an empty list', { projections: [] }, 'projections', 'at least one projection'],
    ['a string instead of a list', { projections: 'incident-summary' }, 'projections', 'must be an array'],
    ['a number in the list', { projections: [42] }, 'projections', 'must be a string'],
    ['no projections at all', {}, 'projections', 'must be an array'],
    ['a projection twice', { projections: ['incident-summary', 'incident_summary_v1'] }, 'projections', 'each projection once'],
    ['who started it, in the body', { projections: ['all'], startedBy: 'mallory' }, 'startedBy', 'should not exist'],
  ])('refuses %s with a 400 naming the field, and starts nothing', async (_case, body, field, reason) => {
    const jobs = await jobCount();
    const response = await ledger.client.post('/read-models/rebuilds', body);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field, reason: expect.stringContaining(reason) }]);
    expect(await jobCount()).toBe(jobs);
  });

  it('is for principals holding readmodel:rebuild only (admins)', async () => {
    const analyst = await createPrincipal(ledger.client, 'ana', ['analyst', 'manager', 'auditor']);
    const { body: listing } = await ledger.client.get('/read-models/rebuilds');
    for (const [method, path] of [
      ['POST', '/read-models/rebuilds'],
      ['GET', '/read-models/rebuilds'],
      ['GET', `/read-models/rebuilds/${listing.jobs[0]?.id ?? randomUUID()}`],
    ] as const) {
      const response = await analyst.client.request(method, path, method === 'POST' ? { projections: ['all'] } : undefined);
      expect({ path, status: response.status, permission: response.body.permission }).toEqual({ path, status: 403, permission: 'readmodel:rebuild' });
    }
    expect((await ledger.client.post('/read-models/rebuilds', { projections: ['all'] }, { token: null })).status).toBe(401);
  });

  it('answers 404 for an unknown job, and for an id that is not a job id', async () => {
    for (const id of [randomUUID(), 'not-a-job']) {
      const response = await ledger.client.get(`/read-models/rebuilds/${id}`);
      expect(response.status).toBe(404);
      expect(response.body).toMatchObject({ statusCode: 404, reason: 'RebuildJobNotFound' });
    }
  });

  it('answers 409 naming the projection while this process is rebuilding it, and starts the others', async () => {
    // Holds the rebuilds at their switch until the second request has been answered.
    const { held, spy } = holdAtSwitch();
    try {
      const first = await start(['incident-summary', 'incident-timeline']);
      expect(first.status).toBe(202);
      const again = await start(['incident_summary_v1']);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({
        statusCode: 409,
        reason: 'RebuildRunning',
        projections: ['incident-summary'],
        jobId: first.body.id,
        message: expect.stringContaining('incident-summary is already being rebuilt'),
      });
      const other = await start(['incident-intervals']);
      expect(other.status).toBe(202);
      expect((await ledger.client.get(`/read-models/rebuilds/${first.body.id}`)).body.state).toBe('running');
      held.open();
      expect((await finished(first.body.id)).state).toBe('succeeded');
      expect((await finished(other.body.id)).state).toBe('succeeded');
    } finally {
      held.open();
      spy.mockRestore();
    }
    expect((await start(['incident-summary'])).status).toBe(202);
    await finished((await ledger.client.get('/read-models/rebuilds')).body.jobs[0].id);
  });

  it('reports a failed job when another process switched the collection first (compare-then-set)', async () => {
    const before = await ledger.client.get('/incidents?limit=200');
    // Holds the API's rebuild just before its compare-then-set (the index build, at the switch).
    const held = gate();
    const ensure = readStore.ensureCollection.bind(readStore);
    let holding = false;
    const spy = jest.spyOn(readStore, 'ensureCollection').mockImplementation(async (collection: string, indexes: readonly IndexSpec[]) => {
      if (indexes.length > 0 && !holding) {
        holding = true;
        await held.wait();
      }
      return ensure(collection, indexes);
    });
    try {
      const started = await start(['incident-summary']);
      expect(started.status).toBe(202);
      await held.reached;
      // Another process (e.g. `ledger rebuild`) rebuilds the same projection and switches first.
      const other = await rebuildProjections({
        eventStore: ledger.app.get<EventStore>(EVENT_STORE),
        readStore,
        projections: INCIDENT_PROJECTIONS.filter((p) => p.name === INCIDENT_SUMMARY),
        dropDelayMs: 0,
      });
      held.open();
      const job = await finished(started.body.id);
      expect(job).toMatchObject({ state: 'failed', error: expect.stringContaining('the active collection changed') });
      expect(job.error).not.toMatch(/\n|\bat \S+:\d+/);
      expect(job).not.toHaveProperty('result');
      expect(await readStore.getActiveCollection(INCIDENT_SUMMARY)).toBe(other.collections[0]!.collection);
      expect(withoutEvaluatedAt((await ledger.client.get('/incidents?limit=200')).body)).toEqual(withoutEvaluatedAt(before.body));
    } finally {
      held.open();
      spy.mockRestore();
    }
  });

  it('lets another replica over the same stores follow the job, and refuse its projection with 409', async () => {
    const replica = await startLedgerTestApp({ LEDGER_DATA_DIR: ledger.dataDir, LEDGER_PROJECTOR: 'external' });
    const { held, spy } = holdAtSwitch();
    try {
      const started = await start(['incident-timeline']);
      expect(started.status).toBe(202);
      await held.reached;

      const seen = await replica.client.get(`/read-models/rebuilds/${started.body.id}`);
      expect(seen.status).toBe(200);
      expect(seen.body).toMatchObject({ id: started.body.id, state: 'running', replica: started.body.replica, projections: ['incident-timeline'] });
      expect((await replica.client.get('/read-models/rebuilds')).body.jobs.map((job: { id: string }) => job.id)).toContain(started.body.id);
      const refused = await replica.client.post('/read-models/rebuilds', { projections: ['incident-timeline'] });
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ reason: 'RebuildRunning', projections: ['incident-timeline'], jobId: started.body.id });

      held.open();
      const done = await finished(started.body.id);
      expect(done.state).toBe('succeeded');
      expect((await replica.client.get(`/read-models/rebuilds/${started.body.id}`)).body).toEqual(done);
    } finally {
      held.open();
      spy.mockRestore();
      await replica.close();
    }
  });
});
