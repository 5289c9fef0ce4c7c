import { decodeBigint, type DecimalString } from './bigint';
import { ProjectionOrderError } from './errors';

/**
 * The per-incident idempotency rule. A stream's revisions are 0, 1, 2...; a document records the
 * last one applied. The next event applies only if it is exactly the following revision: lower
 * ones were already applied (skip them), higher ones mean a gap (refuse, never guess).
 * @throws ProjectionOrderError on a gap.
 */
export const checkRevision = (
  projection: string,
  incidentId: string,
  lastApplied: DecimalString | null,
  revision: bigint,
): 'apply' | 'already-applied' => {
  const expected = lastApplied === null ? 0n : decodeBigint(lastApplied) + 1n;
  if (revision < expected) return 'already-applied';
  if (revision > expected) {
    throw new ProjectionOrderError(projection, incidentId, expected.toString(), revision.toString());
  }
  return 'apply';
};
