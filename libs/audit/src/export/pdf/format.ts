import type { Actor } from '@ledger/domain';
import type { JsonValue } from '@ledger/event-store';

/** Every time in a report says its zone: ISO 8601 with 'Z', labelled UTC. */
export const utc = (instant: string | null | undefined): string => (instant ? `${instant} UTC` : '-');

export const actorText = (actor: Actor): string => (actor.name === actor.id ? actor.name : `${actor.name} (${actor.id})`);

const VALUE_LIMIT = 160;

/** A change value on one line: strings as they are, the rest as compact JSON, long ones shortened. */
export const valueText = (value: JsonValue): string => {
  if (value === null) return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length <= VALUE_LIMIT ? text : `${text.slice(0, VALUE_LIMIT - 3)}...`;
};
