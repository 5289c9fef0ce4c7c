import canonicalize from 'canonicalize';
import type { EventStore } from '@ledger/event-store';
import { INCIDENT_STREAM_PREFIX } from '@ledger/event-store';
import { LedgerEventCodec, type LedgerEvent } from '@ledger/ledger';
import {
  DEFAULT_PROJECTION_CONTEXT,
  projectEvents,
  type Projection,
  type ProjectionContext,
  type ProjectionDocument,
} from '@ledger/projections';
import type { ReadDocument, ReadStore } from '@ledger/read-store';

/** Every document of every read model, by projection name then document id. */
export type ReadModelSnapshot = Record<string, Map<string, unknown>>;

/** Reads every document of a collection through the port (keyset pages of 1000). */
export const readCollection = async (readStore: ReadStore, collection: string): Promise<Map<string, unknown>> => {
  const documents = new Map<string, unknown>();
  let cursor: string | undefined;
  do {
    const page = await readStore.find<ReadDocument>(collection, { limit: 1000, ...(cursor && { cursor }) });
    for (const doc of page.items) documents.set(doc.id, doc);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return documents;
};

/** The active collection of each projection, read back in full. */
export const snapshotReadModels = async (
  readStore: ReadStore,
  projections: readonly Projection<ProjectionDocument>[],
): Promise<ReadModelSnapshot> => {
  const snapshot: ReadModelSnapshot = {};
  for (const projection of projections) {
    const collection = await readStore.getActiveCollection(projection.name);
    if (collection === undefined) throw new Error(`${projection.name} has no active collection`);
    snapshot[projection.name] = await readCollection(readStore, collection);
  }
  return snapshot;
};

/** Every ledger event of the store, decoded (incident streams only), in global order. */
export const readLedgerEvents = async (eventStore: EventStore): Promise<LedgerEvent[]> => {
  const codec = new LedgerEventCodec();
  const events: LedgerEvent[] = [];
  let after = 0n;
  for (;;) {
    const page = await eventStore.readAll({ after, maxCount: 5000 });
    if (page.length === 0) return events;
    for (const event of page) if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) events.push(codec.decode(event));
    after = page[page.length - 1]!.position;
  }
};

/**
 * The oracle: the read models the reference projector (projections/src/in-memory.ts) computes from
 * the same events, as JSON (what any store gives back). Up to `exactUpTo` events it runs
 * `projectEvents` itself; beyond that (it copies the whole collection per event, quadratic) it runs
 * the same steps as `projectEvent` on one mutable map: load the ids asked for, apply, put/delete.
 */
export const referenceReadModels = (
  events: readonly LedgerEvent[],
  projections: readonly Projection<ProjectionDocument>[],
  context: ProjectionContext = DEFAULT_PROJECTION_CONTEXT,
  exactUpTo = 1_000,
): ReadModelSnapshot => {
  const snapshot: ReadModelSnapshot = {};
  for (const projection of projections) {
    const collection = events.length <= exactUpTo ? projectEvents(projection, events, context) : projectMutable(projection, events, context);
    snapshot[projection.name] = new Map([...collection].map(([id, doc]) => [id, JSON.parse(JSON.stringify(doc))]));
  }
  return snapshot;
};

const projectMutable = (
  projection: Projection<ProjectionDocument>,
  events: readonly LedgerEvent[],
  context: ProjectionContext,
): Map<string, ProjectionDocument> => {
  const collection = new Map<string, ProjectionDocument>();
  for (const event of events) {
    const ids = projection.documentIds(event);
    if (ids.length === 0) continue;
    const loaded = new Map(ids.map((id) => [id, collection.get(id) ?? null] as const));
    for (const write of projection.apply(loaded, event, context)) {
      if (write.type === 'put') collection.set(write.document.id, write.document);
      else collection.delete(write.id);
    }
  }
  return collection;
};

/**
 * Differences between two snapshots (document for document, deep, key order ignored); empty when
 * equal. Fast on 100k+ documents: JSON text first, canonical JSON only where the text differs.
 */
export const diffReadModels = (actual: ReadModelSnapshot, expected: ReadModelSnapshot, max = 10): string[] => {
  const differences: string[] = [];
  const names = new Set([...Object.keys(actual), ...Object.keys(expected)]);
  for (const name of names) {
    const a = actual[name] ?? new Map();
    const e = expected[name] ?? new Map();
    if (a.size !== e.size) differences.push(`${name}: ${a.size} documents, expected ${e.size}`);
    for (const [id, doc] of e) {
      if (differences.length >= max) return differences;
      if (!a.has(id)) {
        differences.push(`${name}/${id}: missing`);
        continue;
      }
      const other = a.get(id);
      if (JSON.stringify(other) === JSON.stringify(doc)) continue;
      if (canonicalize(other) !== canonicalize(doc)) {
        differences.push(`${name}/${id}: differs\n  actual   ${canonicalize(other)}\n  expected ${canonicalize(doc)}`);
      }
    }
    for (const id of a.keys()) {
      if (differences.length >= max) return differences;
      if (!e.has(id)) differences.push(`${name}/${id}: unexpected`);
    }
  }
  return differences;
};

/** Total number of documents in a snapshot. */
export const documentCount = (snapshot: ReadModelSnapshot): number =>
  Object.values(snapshot).reduce((sum, docs) => sum + docs.size, 0);
