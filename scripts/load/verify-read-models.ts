import type { EventStore } from '@ledger/event-store';
import { ProjectionRebuild } from '@ledger/projector';
import { INCIDENT_PROJECTIONS, INCIDENT_SUMMARY, INCIDENT_TIMELINE } from '@ledger/projections';
import type { ReadDocument, ReadStore } from '@ledger/read-store';

/** What the API served, read over HTTP once the projector had caught up. */
export type ServedReadModels = Readonly<{
  /** GET /incidents, every page. */
  items: readonly Record<string, unknown>[];
  /** GET /incidents/:id/timeline for a sample of incidents. */
  timelines: ReadonlyMap<string, readonly Record<string, unknown>[]>;
}>;

export type ReadModelComparison = Readonly<{
  /** Per projection: documents in the live collection vs the rebuild, and how many differ. */
  collections: readonly { projection: string; live: number; rebuilt: number; differing: string[] }[];
  /** GET /incidents items and sampled timelines that differ from the rebuild. */
  served: readonly string[];
}>;

/** Canonical JSON (sorted keys), so equal documents compare equal whatever their key order. */
const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );

const everything = async (store: ReadStore, collection: string | undefined): Promise<Map<string, ReadDocument>> => {
  const documents = new Map<string, ReadDocument>();
  if (collection === undefined) return documents;
  let cursor: string | undefined;
  do {
    const page = await store.find<ReadDocument>(collection, { limit: 1000, ...(cursor !== undefined && { cursor }) });
    for (const document of page.items) documents.set(document.id, document);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return documents;
};

/** The API's summary view re-evaluates the SLA at the time of the request; the rest is the stored document. */
const withoutSla = ({ sla: _sla, ...rest }: Record<string, unknown>): Record<string, unknown> => rest;

/**
 * Rebuilds every projection from the event store into `fresh` (an empty read store) and compares it,
 * document by document, with the live read store the API's projector kept, and with what the API served.
 */
export const compareWithRebuild = async (
  eventStore: EventStore,
  live: ReadStore,
  fresh: ReadStore,
  served: ServedReadModels | undefined,
): Promise<ReadModelComparison> => {
  await new ProjectionRebuild({ eventStore, readStore: fresh, projections: INCIDENT_PROJECTIONS, dropDelayMs: 0 }).run();
  const collections = [];
  const rebuilt = new Map<string, Map<string, ReadDocument>>();
  for (const projection of INCIDENT_PROJECTIONS) {
    const liveDocs = await everything(live, await live.getActiveCollection(projection.name));
    const freshDocs = await everything(fresh, await fresh.getActiveCollection(projection.name));
    rebuilt.set(projection.name, freshDocs);
    const ids = new Set([...liveDocs.keys(), ...freshDocs.keys()]);
    const differing = [...ids].filter((id) => canonical(liveDocs.get(id)) !== canonical(freshDocs.get(id)));
    collections.push({ projection: projection.name, live: liveDocs.size, rebuilt: freshDocs.size, differing });
  }
  const servedDiffs: string[] = [];
  if (served) {
    const summaries = rebuilt.get(INCIDENT_SUMMARY) ?? new Map<string, ReadDocument>();
    if (served.items.length !== summaries.size) servedDiffs.push(`GET /incidents lists ${served.items.length} incidents, the rebuild has ${summaries.size}`);
    for (const item of served.items) {
      const document = summaries.get(String(item.id));
      if (!document || canonical(withoutSla(item)) !== canonical(withoutSla(document))) servedDiffs.push(`incident ${String(item.id)}`);
    }
    const timeline = [...(rebuilt.get(INCIDENT_TIMELINE)?.values() ?? [])];
    for (const [incidentId, entries] of served.timelines) {
      const expected = timeline.filter((entry) => entry.incidentId === incidentId).sort((a, b) => Number(a.sequence) - Number(b.sequence));
      if (canonical(entries) !== canonical(expected)) servedDiffs.push(`timeline of ${incidentId}`);
    }
  }
  return { collections, served: servedDiffs };
};
