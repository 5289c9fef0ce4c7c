import type { LedgerEvent } from '@ledger/ledger';
import type { DocumentWrite, Projection, ProjectionContext, ProjectionDocument } from '../contract';
import { applyWrites, projectEvents, type MemoryCollection } from '../in-memory';
import { DEFAULT_SLA_POLICY } from '../sla/sla-policy';

export const TEST_CONTEXT: ProjectionContext = { slaPolicy: DEFAULT_SLA_POLICY };

export type ProjectedState<Doc extends ProjectionDocument> = Readonly<{
  collection: MemoryCollection<Doc>;
  /** All documents, sorted by id. */
  documents: Doc[];
  document(id: string): Doc | null;
}>;

const stateOf = <Doc extends ProjectionDocument>(collection: MemoryCollection<Doc>): ProjectedState<Doc> => ({
  collection,
  documents: [...collection.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  document: (id) => collection.get(id) ?? null,
});

/**
 * Given/when/then for projections:
 *
 *   const { writes, document } = given(incidentSummaryProjection, [logged, categorized]).when(prioritized);
 */
export const given = <Doc extends ProjectionDocument>(
  projection: Projection<Doc>,
  events: readonly LedgerEvent[],
  context: ProjectionContext = TEST_CONTEXT,
): ProjectedState<Doc> & {
  when(event: LedgerEvent): ProjectedState<Doc> & { writes: readonly DocumentWrite<Doc>[] };
} => {
  const collection = projectEvents(projection, events, context);
  return {
    ...stateOf(collection),
    when: (event) => {
      const ids = projection.documentIds(event);
      const loaded = new Map(ids.map((id) => [id, collection.get(id) ?? null] as const));
      const writes = ids.length === 0 ? [] : projection.apply(loaded, event, context);
      return { ...stateOf(applyWrites(collection, writes)), writes };
    },
  };
};
