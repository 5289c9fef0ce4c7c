import type { LedgerEvent } from '@ledger/ledger';
import type { Projection, ProjectionContext, ProjectionDocument } from '@ledger/projections';
import type { ReadDocument, ReadWrite } from '@ledger/read-store';

type AnyProjection = Projection<ProjectionDocument>;

/**
 * What a projection will read for a batch of events: each event's document ids (computed once,
 * then used to load and to apply; the same string objects, so maps hash each id once) and every
 * id of the batch, each once.
 */
export type BatchPlan = Readonly<{
  events: readonly LedgerEvent[];
  /** documentIds of events[i]. */
  idsOfEvents: readonly (readonly string[])[];
  /** Every id some event reads, each once, in first-read order. */
  ids: ReadonlySet<string>;
}>;

export const planBatch = (projection: AnyProjection, events: readonly LedgerEvent[]): BatchPlan => {
  const idsOfEvents = new Array<readonly string[]>(events.length);
  const ids = new Set<string>();
  for (let i = 0; i < events.length; i++) {
    const eventIds = projection.documentIds(events[i]!);
    idsOfEvents[i] = eventIds;
    for (const id of eventIds) ids.add(id);
  }
  return { events, idsOfEvents, ids };
};

/** Every document id the projection will read while applying these events (each id once). */
export const documentIdsOfBatch = (projection: AnyProjection, events: readonly LedgerEvent[]): string[] => [
  ...planBatch(projection, events).ids,
];

export type BatchOutcome = Readonly<{
  /**
   * The batch's net writes (one per document, its final state), blind writes first: see
   * orderForNonAtomicStores below.
   */
  writes: ReadWrite[];
  /** Events that produced at least one write (the rest were irrelevant or already applied). */
  eventsChanged: number;
  /** Final state of every document the batch read or wrote (null = absent), to warm the next batch. */
  documents: ReadonlyMap<string, ProjectionDocument | null>;
}>;

/**
 * Applies a batch of events to one projection in memory, with the reference semantics of
 * `projectEvents` (projections/src/in-memory.ts): each event sees the documents as left by the
 * events before it, including this batch's own unwritten changes (the timeline reads entry r-1,
 * which may have been created a few events earlier in the same batch).
 *
 * `loaded` must hold every id of documentIdsOfBatch (missing = not stored). Throws whatever `apply`
 * throws (ProjectionOrderError on a gap); the caller then commits nothing for this batch.
 */
export const projectBatch = (
  projection: AnyProjection,
  collection: string,
  events: readonly LedgerEvent[],
  loaded: ReadonlyMap<string, ProjectionDocument | null>,
  context: ProjectionContext,
  /** planBatch(projection, events), when the caller has it already. */
  plan: BatchPlan = planBatch(projection, events),
): BatchOutcome => {
  if (plan.events !== events) throw new RangeError('projectBatch: the plan is for other events');
  const documents = new Map(loaded);
  const dirty = new Map<string, ProjectionDocument | null>();
  // One view for every event, refilled each time: apply only reads it while it runs (projections are pure).
  const view = new Map<string, ProjectionDocument | null>();
  let eventsChanged = 0;
  for (let i = 0; i < events.length; i++) {
    const ids = plan.idsOfEvents[i]!;
    if (ids.length === 0) continue;
    view.clear();
    for (const id of ids) view.set(id, documents.get(id) ?? null);
    const writes = projection.apply(view, events[i]!, context);
    if (writes.length > 0) eventsChanged++;
    for (const write of writes) {
      if (write.type === 'put') {
        documents.set(write.document.id, write.document);
        dirty.set(write.document.id, write.document);
      } else {
        documents.set(write.id, null);
        dirty.set(write.id, null);
      }
    }
  }
  return { writes: orderForNonAtomicStores(collection, dirty, plan.ids), eventsChanged, documents };
};

/**
 * Turns the net changes into writes in an order that keeps a non-atomic store (writes, then the
 * checkpoint, no transaction) recoverable when a crash cuts the commit short.
 *
 * Projections decide "already applied" only from documents they read (documentIds: the summary,
 * the interval clock, timeline entries); documents they write without reading (interval facts)
 * are derived, with deterministic ids. Writing every blind document before any read one means: a
 * read document that reached the store proves all of the batch's derived writes did too, so a
 * replay that skips its events loses nothing; a read document that did not is recomputed from its
 * older state, rewriting identical derived documents. Atomic stores do not care about the order.
 */
const orderForNonAtomicStores = (
  collection: string,
  dirty: ReadonlyMap<string, ProjectionDocument | null>,
  read: ReadonlySet<string>,
): ReadWrite[] => {
  const blind: ReadWrite[] = [];
  const state: ReadWrite[] = [];
  // forEach rather than for-of: no [id, document] pair allocated per entry.
  dirty.forEach((document, id) => {
    const write: ReadWrite =
      document === null
        ? { collection, type: 'delete', id }
        : { collection, type: 'put', document: document as unknown as ReadDocument };
    (read.has(id) ? state : blind).push(write);
  });
  return blind.concat(state);
};
