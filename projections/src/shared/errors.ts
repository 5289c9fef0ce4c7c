/**
 * An incident's events reached a projection with a gap: an event whose predecessor in the
 * stream was never applied. Applying it would silently lose state, so the projection refuses.
 * The projector must not advance its checkpoint; it should stop, alert, and re-read from the
 * checkpoint (or rebuild). Events at or below the last applied revision are never an error:
 * they are skipped as already applied.
 */
export class ProjectionOrderError extends Error {
  override readonly name = 'ProjectionOrderError';
  constructor(
    readonly projection: string,
    readonly incidentId: string,
    /** A revision that must be applied first (decimal string). */
    readonly missingRevision: string,
    /** The revision it was given. */
    readonly actualRevision: string,
  ) {
    super(
      `${projection}: incident ${incidentId} revision ${actualRevision} arrived ` +
        `before revision ${missingRevision} was applied`,
    );
  }
}
