import { LedgerEventCodec, verifyStreamChain } from '@ledger/ledger';
import { generateIncidents } from './synthetic-ledger';

describe('synthetic ledger', () => {
  const incidents = generateIncidents({ events: 3000, seed: 4 });
  const recorded = (incident: (typeof incidents)[number]) =>
    incident.events.map((event, revision) => ({ ...event, stream: incident.stream, revision: BigInt(revision), position: BigInt(revision + 1) }));

  it('seals every event into a valid hash chain, as the ledger would', () => {
    for (const incident of incidents) expect(verifyStreamChain(incident.stream, recorded(incident))).toMatchObject({ ok: true });
  });

  it('decodes as ledger events and covers the whole lifecycle', () => {
    const codec = new LedgerEventCodec();
    const types = new Set(incidents.flatMap((incident) => recorded(incident).map((event) => codec.decode(event).type)));
    expect([...types].sort()).toEqual([
      'IncidentAssigned', 'IncidentCategorized', 'IncidentClosed', 'IncidentContained', 'IncidentEradicated',
      'IncidentLogged', 'IncidentPrioritized', 'IncidentRecovered', 'IncidentRejected', 'IncidentReopened',
      'IncidentReviewed', 'NoteAdded',
    ]);
    expect(incidents.reduce((n, incident) => n + incident.events.length, 0)).toBeGreaterThanOrEqual(3000);
  });

  it('is reproducible from its seed (ids aside)', () => {
    const shape = (seed: number) => generateIncidents({ events: 500, seed }).map((i) => i.events.map((e) => e.type).join(','));
    expect(shape(9)).toEqual(shape(9));
    expect(shape(9)).not.toEqual(shape(10));
  });
});
