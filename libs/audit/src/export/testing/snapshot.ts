import type { RecordedEvent } from '@ledger/event-store';
import { LedgerEventCodec, verifyStreamChain } from '@ledger/ledger';
import type { IncidentStreamSnapshot } from '../stream-snapshot';

/** The snapshot an export would take of these stored events. */
export const snapshotOf = (incidentId: string, recorded: readonly RecordedEvent[]): IncidentStreamSnapshot => {
  const codec = new LedgerEventCodec();
  const stream = `incident-${incidentId}`;
  return { incidentId, stream, recorded, events: recorded.map((event) => codec.decode(event)), verification: verifyStreamChain(stream, recorded) };
};
