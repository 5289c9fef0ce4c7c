import type { Actor, IncidentState } from '@ledger/domain';
import type { JsonValue } from '@ledger/event-store';

/** One field whose value an event changed. Nested fields use dotted paths (`priority.priority`), array items `notes[2]`. */
export type StateChange = Readonly<{
  field: string;
  /** null when the field was unset before the event. */
  from: JsonValue;
  /** null when the event cleared the field. */
  to: JsonValue;
}>;

/** The incident right after one event: the envelope facts, what the event changed, and the whole state. */
export type ReplayStep = Readonly<{
  /** Stream revision, as a decimal string (JSON-safe bigint). */
  revision: string;
  /** Global position, as a decimal string. */
  position: string;
  eventId: string;
  type: string;
  /** Who did it (from the envelope, never from the event data). */
  actor: Actor;
  /** When it happened, ISO 8601 UTC. */
  occurredAt: string;
  /** When the ledger recorded it, ISO 8601 UTC. */
  recordedAt: string;
  prevHash: string;
  hash: string;
  /** One-line human summary ("Assigned to alice (soc-tier2)"). */
  what: string;
  /** Field-level changes, from → to, in a stable order. */
  changes: readonly StateChange[];
  /** The domain state after this event (folded with the domain's evolve). */
  state: IncidentState;
}>;

/** An incident's history replayed event by event. */
export type IncidentReplay = Readonly<{
  incidentId: string;
  stream: string;
  /** Set when the replay stops at an instant (events recorded after it are left out). */
  asOf?: string;
  /** How many events the stream holds in all (also those after asOf). */
  totalEvents: number;
  /** recordedAt of the stream's first event, if any: tells "not yet recorded" from "does not exist". */
  firstRecordedAt?: string;
  steps: readonly ReplayStep[];
}>;

export type ReplayOptions = Readonly<{
  /** Stop at this instant: only events recorded at or before it are replayed. */
  asOf?: Date;
}>;
