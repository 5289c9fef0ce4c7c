import type { ReplayStep, StateChange } from '@ledger/audit';
import type { JsonValue } from '@ledger/event-store';

const value = (v: JsonValue): string => (v === null ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

const changeLine = (change: StateChange): string => `    ${change.field}: ${value(change.from)} -> ${value(change.to)}`;

const actorText = (step: ReplayStep): string =>
  step.actor.name === step.actor.id ? step.actor.name : `${step.actor.name} (${step.actor.id})`;

/** One replay step for a terminal: revision, type, who, both times (UTC), what, the changes and the hash. */
export const formatStep = (step: ReplayStep): string =>
  [
    `#${step.revision}  ${step.type}  by ${actorText(step)}`,
    `    occurred ${step.occurredAt} UTC   recorded ${step.recordedAt} UTC`,
    `    ${step.what}`,
    ...(step.changes.length === 0 ? ['    (no field changed)'] : step.changes.map(changeLine)),
    `    hash ${step.hash}`,
  ].join('\n');
