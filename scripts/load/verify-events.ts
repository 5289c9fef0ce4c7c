import { LedgerVerifier } from '@ledger/audit';
import { type EventStore, incidentStream, INCIDENT_STREAM_PREFIX, type RecordedEvent } from '@ledger/event-store';
import { verifyStreamChain } from '@ledger/ledger';
import type { Ack } from './clients';

export type EventVerification = Readonly<{
  events: number;
  incidentStreams: number;
  acks: number;
  /** Acknowledged commands whose event is not at the position, stream and revision the API answered. */
  lost: string[];
  /** Positions answered to two different commands. */
  duplicateAcks: string[];
  /** Event ids stored more than once. */
  duplicateEventIds: string[];
  /** Events in incident streams no acknowledged command accounts for. */
  unacknowledged: string[];
  /** Incident streams whose hash chain does not verify. */
  brokenChains: string[];
  /** The audit verifier over the whole ledger (checkpoints included). */
  audit: Readonly<{ ok: boolean; summary: string }>;
}>;

const readEverything = async (store: EventStore): Promise<RecordedEvent[]> => {
  const events: RecordedEvent[] = [];
  for (let after = 0n; ; ) {
    const page = await store.readAll({ after, maxCount: 5000 });
    if (page.length === 0) return events;
    events.push(...page);
    after = page.at(-1)!.position;
  }
};

/**
 * After the run, from the store itself: every acknowledged command's event is where the API said
 * (nothing lost), no position or event id twice, no event that no command accounts for (nothing
 * duplicated), every incident chain verifies, and so does the audit verifier.
 */
export const verifyEvents = async (store: EventStore, acks: readonly Ack[]): Promise<EventVerification> => {
  const events = await readEverything(store);
  const byPosition = new Map(events.map((event) => [event.position, event]));
  const lost: string[] = [];
  const duplicateAcks: string[] = [];
  const acked = new Set<string>();
  const ackedPositions = new Set<bigint>();
  for (const ack of acks) {
    const event = byPosition.get(ack.position);
    const stream = incidentStream(ack.incidentId);
    if (!event || event.stream !== stream || event.revision !== ack.revision) {
      lost.push(`${ack.action} on ${ack.incidentId} at revision ${ack.revision}, position ${ack.position}`);
    }
    if (ackedPositions.has(ack.position)) duplicateAcks.push(`position ${ack.position}`);
    ackedPositions.add(ack.position);
    acked.add(`${stream}@${ack.revision}`);
  }
  const seenIds = new Set<string>();
  const duplicateEventIds: string[] = [];
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) {
    if (seenIds.has(event.eventId)) duplicateEventIds.push(event.eventId);
    seenIds.add(event.eventId);
    if (!event.stream.startsWith(INCIDENT_STREAM_PREFIX)) continue;
    const stream = streams.get(event.stream);
    if (stream) stream.push(event);
    else streams.set(event.stream, [event]);
  }
  const unacknowledged = events
    .filter((event) => event.stream.startsWith(INCIDENT_STREAM_PREFIX) && !acked.has(`${event.stream}@${event.revision}`))
    .map((event) => `${event.stream}@${event.revision} ${event.type}`);
  const brokenChains = [...streams].flatMap(([stream, streamEvents]) => {
    const result = verifyStreamChain(stream, streamEvents);
    return result.ok ? [] : [`${stream}: ${result.break.kind} at revision ${result.break.revision}`];
  });
  const audit = await new LedgerVerifier(store).verifyLedger();
  return {
    events: events.length,
    incidentStreams: streams.size,
    acks: acks.length,
    lost,
    duplicateAcks,
    duplicateEventIds,
    unacknowledged,
    brokenChains,
    audit: {
      ok: audit.ok,
      summary: audit.ok
        ? `${audit.events} events, ${audit.streams} streams, ${audit.checkpoints} checkpoints verified`
        : `${audit.breaks.length} break(s), first: ${audit.firstBreak?.message ?? '?'}`,
    },
  };
};
