import type { EventToAppend, ExpectedRevision } from '../event-store';
import type { SerializedEvent } from './sqlite-statements';

// Argument checks for SqliteEventStore. They run before anything is queued, so a bad call fails alone.

export function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

export function nonEmptyString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`${name} must be a non-empty string`);
  }
  return value;
}

/** A number here would silently never equal a bigint revision, so insist on the type. */
export function checkExpectedRevision(expected: ExpectedRevision): ExpectedRevision {
  if (expected === 'no_stream') return expected;
  if (typeof expected !== 'bigint' || expected < 0n) {
    throw new TypeError("expectedRevision must be 'no_stream' or a non-negative bigint");
  }
  return expected;
}

export function serializeEvents(events: readonly EventToAppend[]): SerializedEvent[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new RangeError('append needs at least one event');
  }
  return events.map((event) => ({
    eventId: nonEmptyString(event.eventId, 'eventId'),
    type: nonEmptyString(event.type, 'type'),
    data: jsonObject(event.data, 'data'),
    metadata: jsonObject(event.metadata, 'metadata'),
  }));
}

export function jsonObject(value: unknown, name: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be a JSON object`);
  }
  return JSON.stringify(value);
}

/** maxCount: a non-negative integer; `fallback` when absent (-1 = no limit). */
export function limitOf(maxCount: number | undefined, fallback: number): number {
  if (maxCount === undefined) return fallback;
  if (!Number.isInteger(maxCount) || maxCount < 0) {
    throw new RangeError('maxCount must be a non-negative integer');
  }
  return maxCount;
}

export function bound(value: bigint | undefined, fallback: bigint, name: string): bigint {
  if (value === undefined) return fallback;
  if (typeof value !== 'bigint' || value < 0n) {
    throw new RangeError(`${name} must be a non-negative bigint`);
  }
  return value;
}
