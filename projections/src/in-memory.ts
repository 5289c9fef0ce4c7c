import type { LedgerEvent } from '@ledger/ledger';
import type { DocumentWrite, Projection, ProjectionContext, ProjectionDocument } from './contract';

/**
 * The reference semantics of a projector, in memory and pure: documents by id. Stores must
 * behave the same way; tests and rebuild tools can use it directly.
 */
export type MemoryCollection<Doc extends ProjectionDocument> = ReadonlyMap<string, Doc>;

export const applyWrites = <Doc extends ProjectionDocument>(
  collection: MemoryCollection<Doc>,
  writes: readonly DocumentWrite<Doc>[],
): MemoryCollection<Doc> => {
  if (writes.length === 0) return collection;
  const next = new Map(collection);
  for (const write of writes) {
    if (write.type === 'put') next.set(write.document.id, write.document);
    else next.delete(write.id);
  }
  return next;
};

/** Loads what the projection asks for, applies one event and returns the updated collection. */
export const projectEvent = <Doc extends ProjectionDocument>(
  projection: Projection<Doc>,
  collection: MemoryCollection<Doc>,
  event: LedgerEvent,
  context: ProjectionContext,
): MemoryCollection<Doc> => {
  const ids = projection.documentIds(event);
  if (ids.length === 0) return collection;
  const loaded = new Map(ids.map((id) => [id, collection.get(id) ?? null] as const));
  return applyWrites(collection, projection.apply(loaded, event, context));
};

/** Applies events in the given order. */
export const projectEvents = <Doc extends ProjectionDocument>(
  projection: Projection<Doc>,
  events: readonly LedgerEvent[],
  context: ProjectionContext,
  collection: MemoryCollection<Doc> = new Map(),
): MemoryCollection<Doc> =>
  events.reduce((current, event) => projectEvent(projection, current, event, context), collection);
