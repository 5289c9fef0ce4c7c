import { advance, lifecycleSteps, logIncident } from '../../../../test/support/incident-fixtures';
import type { ReadStore } from '@ledger/read-store';
import { SystemClock } from '../infrastructure/system-clock';
import { READ_STORE } from './read-model-tokens';
import { REBUILD_JOBS_COLLECTION } from './rebuild-read-models/rebuild-job-records';
import type { LedgerTestApp } from '../../../../test/support/ledger-test-app';
import { startLedgerTestApp } from '../../../../test/support/ledger-test-app';
import { MongoTestServer } from '../../../../test/support/mongo-test-server';

type Target = { name: string; start(): Promise<LedgerTestApp> };

const TARGETS: Target[] = [
  { name: 'embedded read store', start: () => startLedgerTestApp() },
  {
    name: 'MongoDB read store (LEDGER_READSTORE=mongodb, wire test server)',
    start: async () => {
      const mongo = await MongoTestServer.start();
      const ledger = await startLedgerTestApp({ LEDGER_READSTORE: 'mongodb', MONGODB_URI: mongo.uri, LEDGER_PROJECTOR: 'inline' });
      return {
        ...ledger,
        close: async () => {
          await ledger.close();
          await mongo.stop();
        },
      };
    },
  },
];

describe.each(TARGETS)('query API on the $name', (target) => {
  let ledger: LedgerTestApp;
  let ids: { reviewed: string; assigned: string; logged: string; phishing: string };
  let lastPosition = '0';

  beforeAll(async () => {
    ledger = await target.start();
    const reviewed = await logIncident(ledger.client, 'Ransomware on file server FS-01');
    await advance(ledger.client, reviewed, lifecycleSteps.length);
    const assigned = await logIncident(ledger.client, 'Beaconing from WS-042');
    await advance(ledger.client, assigned, 3);
    const logged = await logIncident(ledger.client, 'Odd login at 3am');
    const phishing = await logIncident(ledger.client, 'Phishing wave: invoice.pdf');
    await ledger.client.post(`/incidents/${phishing}/categorize`, { category: 'fraud', subcategories: ['phishing'] });
    const last = await ledger.client.post(`/incidents/${phishing}/prioritize`, { impact: 3, urgency: 3 });
    lastPosition = last.body.position;
    ids = { reviewed, assigned, logged, phishing };
  }, 60_000);
  afterAll(() => ledger.close());

  const list = (query: string) => ledger.client.get(`/incidents?minPosition=${lastPosition}&${query}`);

  it('reads its own writes: ?minPosition= waits for the projector, then lists every incident', async () => {
    const all = await list('');
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(4);
    expect(all.body.items.map((i: any) => i.id).sort()).toEqual(Object.values(ids).sort());
  });

  it('filters by status, priority, category, assignee, reporter and title text', async () => {
    expect((await list('status=reviewed')).body.items.map((i: any) => i.id)).toEqual([ids.reviewed]);
    expect((await list('status=assigned,logged')).body.total).toBe(2);
    expect((await list('priority=P5')).body.items.map((i: any) => i.id)).toEqual([ids.phishing]);
    expect((await list('category=malicious-code')).body.total).toBe(2);
    expect((await list('assignee=alice')).body.total).toBe(2);
    expect((await list('reporter=admin')).body.total).toBe(4);
    expect((await list('q=INVOICE.PDF')).body.items.map((i: any) => i.id)).toEqual([ids.phishing]);
    expect((await list('closedFrom=2000-01-01T00:00:00Z')).body.items.map((i: any) => i.id)).toEqual([ids.reviewed]);
  });

  it('pages with a cursor, newest first by default, with a stable total', async () => {
    const first = await list('limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.total).toBe(4);
    const second = await list(`limit=3&cursor=${encodeURIComponent(first.body.nextCursor)}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const seen = [...first.body.items, ...second.body.items].map((i: any) => i.id);
    expect(new Set(seen).size).toBe(4);
    const openedAt = [...first.body.items, ...second.body.items].map((i: any) => i.openedAt);
    expect(openedAt).toEqual([...openedAt].sort().reverse());
  });

  it('evaluates SLA breaches against the clock: targets pass and incidents are in breach, with no new event', async () => {
    const idsOf = (body: { items: { id: string }[] }) => body.items.map((item) => item.id).sort();
    const withoutSla = (body: { items: Record<string, unknown>[] }) => body.items.map(({ sla: _sla, ...item }) => item);
    const before = await list('limit=10');
    expect((await list('slaBreached=true')).body.total).toBe(0);
    expect((await ledger.client.get(`/dashboard?minPosition=${lastPosition}`)).body.slaBreaches.breachedNow).toBe(0);

    // Only the API's clock moves: a year on, every open incident is past its targets.
    const later = new Date(Date.now() + 365 * 86_400_000);
    jest.spyOn(ledger.app.get(SystemClock), 'now').mockReturnValue(later);
    try {
      const breached = await list('slaBreached=true');
      expect(idsOf(breached.body)).toEqual([ids.assigned, ids.logged, ids.phishing].sort());
      for (const item of breached.body.items) expect(item.sla.evaluatedAt).toBe(later.toISOString());
      // Responded to in time (it was assigned), but not resolved.
      expect(breached.body.items.find((item: { id: string }) => item.id === ids.assigned).sla).toMatchObject({
        responseBreached: false,
        resolutionBreached: true,
      });
      expect(idsOf((await list('slaBreached=false')).body)).toEqual([ids.reviewed]);
      expect((await ledger.client.get(`/dashboard?minPosition=${lastPosition}`)).body.slaBreaches).toMatchObject({
        breachedNow: 3,
        openBreachedNow: 3,
      });
      // The same documents: nothing was projected, the verdicts are the clock's.
      expect(withoutSla((await list('limit=10')).body)).toEqual(withoutSla(before.body));
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('refuses operators and malformed parameters with 400, and a forged cursor with 400', async () => {
    for (const query of ['status[$ne]=closed', 'assignee=$where', 'priority=P9', 'limit=5000', 'sort=title']) {
      const response = await ledger.client.get(`/incidents?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    const forged = await ledger.client.get('/incidents?cursor=eyJoYWNrZWQiOnRydWV9');
    expect(forged.status).toBe(400);
    expect(forged.body.errors[0].field).toBe('cursor');
  });

  it('answers 503 with Retry-After when the read models do not reach ?minPosition= in time', async () => {
    const response = await ledger.client.get('/incidents?minPosition=999999999999');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('returns an incident timeline in order, with who, both times and what changed', async () => {
    const timeline = await ledger.client.get(`/incidents/${ids.assigned}/timeline?minPosition=${lastPosition}`);
    expect(timeline.status).toBe(200);
    expect(timeline.body.items.map((e: any) => e.type)).toEqual([
      'IncidentLogged',
      'IncidentCategorized',
      'IncidentPrioritized',
      'IncidentAssigned',
    ]);
    const assigned = timeline.body.items[3];
    expect(assigned).toMatchObject({ who: { name: 'admin' }, occurredAt: expect.any(String), recordedAt: expect.any(String) });
    expect(assigned.changes).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'assignee', from: null, to: 'alice' })]),
    );
    expect((await ledger.client.get('/incidents/3f2504e0-4f89-41d3-9a0c-0305e82c3301/timeline')).status).toBe(404);
  });

  it('serves the dashboard: counts, age bands, time-to metrics and the review backlog', async () => {
    const dashboard = await ledger.client.get(`/dashboard?period=week&minPosition=${lastPosition}`);
    expect(dashboard.status).toBe(200);
    expect(dashboard.body.counts.total).toBe(4);
    expect(dashboard.body.counts.open).toBe(3);
    expect(dashboard.body.counts.byStatus).toEqual(
      expect.arrayContaining([{ value: 'reviewed', count: 1 }, { value: 'assigned', count: 1 }]),
    );
    expect(dashboard.body.openByAge.find((band: any) => band.band === '<1d').count).toBe(3);
    const metrics = dashboard.body.timeTo.rows.map((row: any) => row.metric);
    expect(metrics).toEqual(
      expect.arrayContaining(['time-to-triage', 'time-to-assign', 'time-to-contain', 'time-to-recover', 'time-to-close']),
    );
    expect(dashboard.body.reviewBacklog.count).toBe(0);
    expect((await ledger.client.get('/dashboard?period=year')).status).toBe(400);
  });

  it('rebuilds a read model over HTTP on this store, and keeps the job where every replica can read it', async () => {
    const before = (await ledger.client.get(`/dashboard?minPosition=${lastPosition}`)).body;
    const started = await ledger.client.post('/read-models/rebuilds', { projections: ['incident-intervals'] });
    expect(started.status).toBe(202);
    let job = started.body;
    for (const deadline = Date.now() + 25_000; job.state === 'running' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await ledger.client.get(`/read-models/rebuilds/${started.body.id}`)).body;
    }
    expect(job).toMatchObject({ state: 'succeeded', result: { collections: [{ projection: 'incident-intervals' }] } });
    expect((await ledger.client.get('/read-models/rebuilds')).body.jobs.map((listed: { id: string }) => listed.id)).toContain(job.id);
    const readStore = ledger.app.get<ReadStore>(READ_STORE);
    // Its last record reaches the store just after this replica shows it finished.
    let recorded = await readStore.get(REBUILD_JOBS_COLLECTION, job.id);
    for (const deadline = Date.now() + 5_000; recorded?.['state'] !== 'succeeded' && Date.now() < deadline; ) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      recorded = await readStore.get(REBUILD_JOBS_COLLECTION, job.id);
    }
    expect(recorded).toMatchObject({ id: job.id, state: 'succeeded' });
    // The same figures from the new collection.
    expect(before.timeTo.rows.length).toBeGreaterThan(0);
    const after = (await ledger.client.get(`/dashboard?minPosition=${lastPosition}`)).body;
    expect(after.timeTo).toEqual(before.timeTo);
  });
});
