import type { LedgerEvent } from '@ledger/ledger';
import type { SlaPolicy } from './sla/sla-policy';

/** Every read-model document has a string id, unique within its projection's collection. */
export interface ProjectionDocument {
  readonly id: string;
}

/** Pure configuration a projector passes to every apply. No clocks, no I/O. */
export interface ProjectionContext {
  /** Used to stamp SLA due times into summaries. Changing it calls for a rebuild (bump the version). */
  readonly slaPolicy: SlaPolicy;
}

/** A write the projector performs. Puts are whole-document upserts by id. */
export type DocumentWrite<Doc extends ProjectionDocument> =
  | Readonly<{ type: 'put'; document: Doc }>
  | Readonly<{ type: 'delete'; id: string }>;

/**
 * A pure, store-agnostic projection. For each ledger event (in global position order) the projector:
 *
 * 1. asks `documentIds(event)`; none means the event is irrelevant, just advance the checkpoint;
 * 2. loads those documents from the projection's collection (a missing one is passed as `null`);
 * 3. calls `apply`, and performs the returned writes together with the checkpoint in one transaction.
 *
 * `apply` never throws for an event it has already applied: it returns no writes (idempotency).
 * It throws `ProjectionOrderError` when the event's predecessors were not applied (a gap), and
 * then the checkpoint must not move. Writes may target ids that were not loaded (blind upserts
 * with deterministic ids, e.g. interval facts). A projector may keep documents in memory across a
 * batch of events as long as it writes the final state and checkpoint atomically.
 */
export interface Projection<Doc extends ProjectionDocument> {
  /** Stable name, e.g. 'incident-summary'. */
  readonly name: string;
  /** Bump on any change of document shape or meaning: the projector rebuilds into a new collection. */
  readonly version: number;
  /** Ids of the documents `apply` needs to read for this event (may be none). */
  documentIds(event: LedgerEvent): readonly string[];
  /** Pure: the writes that bring the read model up to date with `event`; none when already applied. */
  apply(
    documents: ReadonlyMap<string, Doc | null>,
    event: LedgerEvent,
    context: ProjectionContext,
  ): readonly DocumentWrite<Doc>[];
}

/**
 * A storage-safe name for a projection version, e.g. 'incident_summary_v1' (valid as a MongoDB
 * collection and an SQLite table name without quoting).
 */
export const versionedName = (projection: Pick<Projection<ProjectionDocument>, 'name' | 'version'>): string =>
  `${projection.name.replace(/[^A-Za-z0-9]+/g, '_')}_v${projection.version}`;

/** The shape of a projection that keeps exactly one document per key (Emmett's single-stream style). */
export interface SingleDocumentDefinition<Doc extends ProjectionDocument> {
  readonly name: string;
  readonly version: number;
  /** The one document this event touches, or null to ignore the event. */
  documentId(event: LedgerEvent): string | null;
  /**
   * Pure: the next document; the same object when nothing changes (already applied);
   * null to delete it.
   */
  evolve(document: Doc | null, event: LedgerEvent, context: ProjectionContext): Doc | null;
}

/** Adapts a one-document-per-key definition to the general contract. */
export const singleDocumentProjection = <Doc extends ProjectionDocument>(
  definition: SingleDocumentDefinition<Doc>,
): Projection<Doc> & SingleDocumentDefinition<Doc> => ({
  ...definition,
  documentIds: (event) => {
    const id = definition.documentId(event);
    return id === null ? [] : [id];
  },
  apply: (documents, event, context) => {
    const id = definition.documentId(event);
    if (id === null) return [];
    const current = documents.get(id) ?? null;
    const next = definition.evolve(current, event, context);
    if (next === current) return [];
    return next === null ? [{ type: 'delete', id }] : [{ type: 'put', document: next }];
  },
});
