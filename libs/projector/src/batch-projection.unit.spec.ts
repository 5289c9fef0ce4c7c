import {
  DEFAULT_PROJECTION_CONTEXT,
  INCIDENT_PROJECTIONS,
  incidentIntervalsProjection,
  incidentTimelineProjection,
  projectEvents,
  type ProjectionDocument,
} from '@ledger/projections';
import { story, TestLedger } from '../../../projections/src/testing';
import { documentIdsOfBatch, planBatch, projectBatch } from './batch-projection';

const asMap = (writes: ReturnType<typeof projectBatch>['writes']) =>
  new Map(writes.map((w) => (w.type === 'put' ? [w.document.id, w.document] : [w.id, null])));

describe('projectBatch', () => {
  it('reads through its own unwritten changes: one batch gives the reference result', () => {
    const ledger = new TestLedger();
    const a = ledger.incident('INC-A');
    const b = ledger.incident('INC-B');
    // Interleaved, so each timeline entry r needs entry r-1 created earlier in the same batch.
    const events = [
      a.logged(), b.logged(), a.categorized(), a.prioritized({ after: '5m' }), b.categorized(),
      a.assigned({ team: 'soc' }), b.prioritized({ priority: 'P1' }), a.contained(), b.assigned(),
      a.eradicated(), a.recovered(), a.closed(), a.reopened(), a.assigned({ assignee: 'bob' }),
    ];
    for (const projection of INCIDENT_PROJECTIONS) {
      const ids = documentIdsOfBatch(projection, events);
      const loaded = new Map(ids.map((id) => [id, null]));
      const outcome = projectBatch(projection, 'c', events, loaded, DEFAULT_PROJECTION_CONTEXT);
      const expected = projectEvents(projection, events, DEFAULT_PROJECTION_CONTEXT);
      expect(asMap(outcome.writes)).toEqual(new Map(expected));
      expect(outcome.writes.every((w) => w.collection === 'c')).toBe(true);
    }
  });

  it('continues from stored documents and skips what they already contain', () => {
    const { events } = story('closed');
    const first = events.slice(0, 5);
    const stored = projectEvents(incidentTimelineProjection, first, DEFAULT_PROJECTION_CONTEXT);
    const ids = documentIdsOfBatch(incidentTimelineProjection, events);
    const loaded = new Map<string, ProjectionDocument | null>(ids.map((id) => [id, stored.get(id) ?? null]));
    // The whole story again: the first five are already applied and write nothing.
    const outcome = projectBatch(incidentTimelineProjection, 'c', events, loaded, DEFAULT_PROJECTION_CONTEXT);
    expect(outcome.eventsChanged).toBe(events.length - 5);
    const all = projectEvents(incidentTimelineProjection, events, DEFAULT_PROJECTION_CONTEXT);
    expect(new Map([...stored, ...asMap(outcome.writes)])).toEqual(new Map(all));
  });

  it('orders writes of documents no event read (interval facts) before the ones read (clocks)', () => {
    const { events } = story('reviewed');
    const ids = documentIdsOfBatch(incidentIntervalsProjection, events);
    expect(ids).toEqual(['INC-1:clock']);
    const outcome = projectBatch(incidentIntervalsProjection, 'c', events, new Map([['INC-1:clock', null]]), DEFAULT_PROJECTION_CONTEXT);
    const order = outcome.writes.map((w) => (w.type === 'put' ? w.document.id : w.id));
    expect(order.length).toBeGreaterThan(2);
    expect(order[order.length - 1]).toBe('INC-1:clock');
  });

  it('writes nothing and throws on a gap, leaving the caller to keep its checkpoint', () => {
    const { events } = story('assigned');
    const withGap = [events[0]!, events[2]!];
    expect(() =>
      projectBatch(incidentTimelineProjection, 'c', withGap, new Map(documentIdsOfBatch(incidentTimelineProjection, withGap).map((id) => [id, null])), DEFAULT_PROJECTION_CONTEXT),
    ).toThrow(expect.objectContaining({ name: 'ProjectionOrderError' }));
  });

  it('with the plan its caller already made (ids computed once per event), gives the same outcome', () => {
    const { events } = story('reviewed');
    for (const projection of INCIDENT_PROJECTIONS) {
      const plan = planBatch(projection, events);
      expect([...plan.ids]).toEqual(documentIdsOfBatch(projection, events));
      expect(plan.idsOfEvents).toEqual(events.map((event) => projection.documentIds(event)));
      const loaded = new Map([...plan.ids].map((id) => [id, null]));
      const planned = projectBatch(projection, 'c', events, loaded, DEFAULT_PROJECTION_CONTEXT, plan);
      expect(planned).toEqual(projectBatch(projection, 'c', events, loaded, DEFAULT_PROJECTION_CONTEXT));
      expect(() => projectBatch(projection, 'c', events.slice(1), loaded, DEFAULT_PROJECTION_CONTEXT, plan)).toThrow(RangeError);
    }
  });
});
