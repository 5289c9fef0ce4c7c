import { advance, lifecycleSteps, logIncident } from '../../../../../test/support/incident-fixtures';
import { type LedgerTestApp, startLedgerTestApp } from '../../../../../test/support/ledger-test-app';

/** The status after each event of the main path. */
const STATUS_AFTER = ['logged', 'logged', 'triaged', 'assigned', 'contained', 'eradicated', 'recovered', 'closed', 'reviewed'];

describe('GET /incidents/:id/replay', () => {
  let ledger: LedgerTestApp;
  let id: string;
  let events: any[];
  beforeAll(async () => {
    ledger = await startLedgerTestApp();
    id = await logIncident(ledger.client);
    await advance(ledger.client, id, lifecycleSteps.length);
    events = (await ledger.client.get(`/incidents/${id}/events`)).body.events;
  });
  afterAll(() => ledger.close());

  it('answers one step per event after a full lifecycle, with the state after each', async () => {
    const response = await ledger.client.get(`/incidents/${id}/replay`);
    expect(response.status).toBe(200);
    const { steps } = response.body;
    expect(response.body).toMatchObject({ id, stream: `incident-${id}`, totalEvents: 1 + lifecycleSteps.length });
    expect(steps).toHaveLength(1 + lifecycleSteps.length);
    expect(steps.map((step: any) => step.state.status)).toEqual(STATUS_AFTER);
    steps.forEach((step: any, index: number) => {
      const event = events[index];
      expect(step).toMatchObject({
        revision: String(index),
        position: event.position,
        eventId: event.eventId,
        type: event.type,
        actor: { id: 'principal-admin', name: 'admin' },
        occurredAt: event.metadata.occurredAt,
        recordedAt: event.metadata.recordedAt,
        prevHash: event.metadata.prevHash,
        hash: event.metadata.hash,
      });
      expect(step.what).toEqual(expect.any(String));
    });
    expect(steps[3].changes).toEqual([
      { field: 'status', from: 'triaged', to: 'assigned' },
      { field: 'assignee', from: null, to: 'alice' },
      { field: 'team', from: null, to: 'soc-tier2' },
    ]);
    expect(steps[3].what).toBe('Assigned to alice (soc-tier2)');
    expect(steps.at(-1).state).toMatchObject({
      status: 'reviewed',
      category: 'malicious-code',
      assignee: 'alice',
      resolution: { code: 'true-positive-with-impact' },
      review: { rootCause: 'Phishing attachment executed a macro dropper' },
    });
  });

  it('stops at ?asOf= (recorded time): exactly the events recorded by then', async () => {
    const cut = events[4].metadata.recordedAt;
    const response = await ledger.client.get(`/incidents/${id}/replay?asOf=${encodeURIComponent(cut)}`);
    expect(response.status).toBe(200);
    expect(response.body.asOf).toBe(new Date(cut).toISOString());
    // Several events may share a millisecond: the cut includes every one recorded at that instant.
    const known = events.filter((event) => event.metadata.recordedAt <= cut).length;
    expect(response.body.steps).toHaveLength(known);
    expect(response.body.steps.at(-1).state.status).toBe(STATUS_AFTER[known - 1]);
    expect(response.body.totalEvents).toBe(events.length);
  });

  it('takes an offset instant as the same moment in UTC', async () => {
    const last = new Date(events.at(-1).metadata.recordedAt);
    const shifted = new Date(last.getTime() + 2 * 3600_000).toISOString().replace('Z', '+02:00');
    const response = await ledger.client.get(`/incidents/${id}/replay?asOf=${encodeURIComponent(shifted)}`);
    expect(response.status).toBe(200);
    expect(response.body.steps).toHaveLength(events.length);
  });

  it('answers 404 saying when the incident starts, for an instant before its first event', async () => {
    const before = new Date(Date.parse(events[0].metadata.recordedAt) - 1).toISOString();
    const response = await ledger.client.get(`/incidents/${id}/replay?asOf=${encodeURIComponent(before)}`);
    expect(response.status).toBe(404);
    expect(response.body.message).toContain(`has no events recorded at or before ${before}`);
    expect(response.body).toMatchObject({ incidentId: id, firstRecordedAt: events[0].metadata.recordedAt });
  });

  it('answers 404 for an unknown incident and 400 for an instant without a zone', async () => {
    expect((await ledger.client.get('/incidents/00000000-0000-4000-8000-000000000000/replay')).status).toBe(404);
    const bad = await ledger.client.get(`/incidents/${id}/replay?asOf=2026-01-01T00:00:00`);
    expect(bad.status).toBe(400);
  });
});
