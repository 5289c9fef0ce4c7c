import type { IncidentEventType } from '@ledger/domain';
import { INCIDENT_EVENT_SCHEMA_VERSIONS } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';
import {
  DEFAULT_PROJECTION_CONTEXT,
  INCIDENT_PROJECTIONS,
  projectEvent,
  projectEvents,
  singleDocumentProjection,
  versionedName,
  type MemoryCollection,
  type ProjectionDocument,
} from './index';
import { anIncident, story, TestLedger } from './testing';

/** One incident whose history contains every event type. */
const everyEventType = (): LedgerEvent[] => {
  const inc = anIncident('INC-ALL');
  return [
    inc.logged(),
    inc.categorized(),
    inc.prioritized(),
    inc.rejected(),
    inc.reopened(),
    inc.assigned({ team: 'soc' }),
    inc.note(),
    inc.evidenceRegistered(),
    inc.custodyTransferred(),
    inc.contained(),
    inc.eradicated(),
    inc.recovered(),
    inc.closed(),
    inc.reviewed(),
    inc.evidenceReleased(),
    inc.evidenceRegistered({ evidenceId: 'ev-2', kind: 'memory-dump', description: 'Memory of WS-042' }),
    inc.evidenceDisposed({ evidenceId: 'ev-2', holder: 'alice' }),
  ];
};

describe('the projections together', () => {
  it('the fixture really has every event type', () => {
    expect(new Set(everyEventType().map((event) => event.type))).toEqual(
      new Set(Object.keys(INCIDENT_EVENT_SCHEMA_VERSIONS) as IncidentEventType[]),
    );
  });

  describe.each(INCIDENT_PROJECTIONS.map((projection) => [projection.name, projection] as const))('%s', (_, projection) => {
    it('writes for every event type, and JSON-safe documents', () => {
      let collection: MemoryCollection<ProjectionDocument> = new Map();
      for (const event of everyEventType()) {
        const next = projectEvent(projection, collection, event, DEFAULT_PROJECTION_CONTEXT);
        expect({ type: event.type, changed: next !== collection }).toEqual({ type: event.type, changed: true });
        collection = next;
      }
      const documents = [...collection.values()];
      expect(JSON.parse(JSON.stringify(documents))).toEqual(documents);
    });

    it('applies a replay of everything (a restart from an old checkpoint) without changes', () => {
      const events = everyEventType();
      const once = projectEvents(projection, events, DEFAULT_PROJECTION_CONTEXT);
      expect(projectEvents(projection, events, DEFAULT_PROJECTION_CONTEXT, once)).toBe(once);
    });

    it('has a stable name and version', () => {
      expect(versionedName(projection)).toMatch(/^incident_[a-z]+_v\d+$/);
    });
  });

  it('keeps incidents apart when their events interleave in the global order', () => {
    const ledger = new TestLedger();
    const a = ledger.incident('INC-A');
    const b = ledger.incident('INC-B');
    const events = [a.logged(), b.logged(), a.categorized(), b.rejected(), a.prioritized()];
    for (const projection of INCIDENT_PROJECTIONS) {
      const ids = [...projectEvents(projection, events, DEFAULT_PROJECTION_CONTEXT).keys()];
      expect(ids.some((id) => id.startsWith('INC-A'))).toBe(true);
      expect(ids.some((id) => id.startsWith('INC-B'))).toBe(true);
    }
  });
});

describe("the ledger's own streams", () => {
  it('are ignored by every projection, even an access record that names an incident', () => {
    const logged = anIncident('INC-X').logged();
    const accessRecord = {
      ...logged,
      type: 'AccessRecorded',
      stream: 'ledger-access-INC-X',
      data: { incidentId: 'INC-X', action: 'evidence.view', subject: { kind: 'evidence', id: 'ev-1' } },
    } as unknown as LedgerEvent;
    for (const projection of INCIDENT_PROJECTIONS) {
      expect(projection.documentIds(accessRecord)).toEqual([]);
      expect(projection.apply(new Map(), accessRecord, DEFAULT_PROJECTION_CONTEXT)).toEqual([]);
    }
  });
});

describe('singleDocumentProjection', () => {
  type Counter = { id: string; count: number; last: string };
  const counter = singleDocumentProjection<Counter>({
    name: 'event-counter',
    version: 3,
    documentId: (event) => (event.type === 'NoteAdded' ? null : event.stream),
    evolve: (doc, event) => {
      if (event.type === 'IncidentRejected') return null;
      if (doc !== null && doc.last === event.eventId) return doc;
      return { id: event.stream, count: (doc?.count ?? 0) + 1, last: event.eventId };
    },
  });

  it('puts the next document, writes nothing for the same document, deletes on null', () => {
    const { inc, events } = story('logged');
    const [logged] = events;
    const created = counter.apply(new Map(), logged, DEFAULT_PROJECTION_CONTEXT);
    expect(created).toEqual([{ type: 'put', document: { id: 'incident-INC-1', count: 1, last: logged.eventId } }]);
    const doc = (created[0] as { document: Counter }).document;
    expect(counter.apply(new Map([[doc.id, doc]]), logged, DEFAULT_PROJECTION_CONTEXT)).toEqual([]);
    expect(counter.apply(new Map([[doc.id, doc]]), inc.rejected(), DEFAULT_PROJECTION_CONTEXT)).toEqual([
      { type: 'delete', id: 'incident-INC-1' },
    ]);
  });

  it('asks for no documents when the definition ignores the event', () => {
    const { inc } = story('logged');
    expect(counter.documentIds(inc.note())).toEqual([]);
    expect(versionedName(counter)).toBe('event_counter_v3');
  });
});
