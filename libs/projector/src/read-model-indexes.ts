import type { IndexSpec } from '@ledger/read-store';
import { type Projection, type ProjectionDocument, READ_MODEL_INDEXES } from '@ledger/projections';

/**
 * The indexes of a projection's collection: those the API's queries need, declared with the
 * projections (none for a projection that declares none). ensureCollection is idempotent, so adding
 * one takes effect on the next projector start; a rebuild creates them before switching reads over.
 */
export const defaultIndexesFor = (projection: Pick<Projection<ProjectionDocument>, 'name'>): readonly IndexSpec[] =>
  READ_MODEL_INDEXES[projection.name] ?? [];
