import type { Actor, IncidentEventType } from '@ledger/domain';
import type { DecimalString } from '../shared/bigint';
import type { IncidentCore } from '../shared/incident-core';

/** The fields whose changes the timeline records: every field of the shared incident core. */
export type TrackedField = keyof IncidentCore;

export type ChangeValue = string | number | readonly string[] | null;

export type FieldChange = Readonly<{ field: TrackedField; from: ChangeValue; to: ChangeValue }>;

/**
 * One event in an incident's history, for people: who did what, when, and what it changed.
 * Document id = `${incidentId}:${revision}`, so re-applying an event rewrites nothing.
 */
export type TimelineEntry = Readonly<{
  id: string;
  incidentId: string;
  stream: string;
  revision: DecimalString;
  /**
   * The revision as a JSON number, for sorting and paging in stores (decimal strings do not sort
   * numerically). Exact: a stream never comes near 2^53 events.
   */
  sequence: number;
  position: DecimalString;
  eventId: string;
  type: IncidentEventType;
  who: Actor;
  /** One-line human summary, e.g. "Contained: blocked C2 at egress firewall". */
  what: string;
  /** Business time: when it happened. */
  occurredAt: string;
  /** When the ledger recorded it. */
  recordedAt: string;
  /** Tracked fields whose value this event changed, in a fixed field order. */
  changes: readonly FieldChange[];
  /** The tracked fields after this event; the next entry's "from" values come from here. */
  state: IncidentCore;
  /** The event's data as recorded (full texts that `what` shortens). */
  data: Readonly<Record<string, unknown>>;
  /** Evidence: this event's hash and its predecessor's (see the ledger's hash chain). */
  hash: string;
  prevHash: string;
  commandId: string;
  correlationId: string;
  causationId: string;
}>;
