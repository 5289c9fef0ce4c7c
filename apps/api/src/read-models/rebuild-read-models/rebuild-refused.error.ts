/** Why a rebuild was not started: one of its projections is being rebuilt already, or the API is stopping. */
export class RebuildRefusedError extends Error {
  override readonly name = 'RebuildRefusedError';

  constructor(
    readonly reason: 'RebuildRunning' | 'ShuttingDown',
    message: string,
    /** The projections at stake: for RebuildRunning, those the running job is rebuilding. */
    readonly projections: readonly string[],
    /** The running job, for RebuildRunning. */
    readonly jobId?: string,
  ) {
    super(message);
  }

  static running(projections: readonly string[], jobId: string): RebuildRefusedError {
    return new RebuildRefusedError(
      'RebuildRunning',
      `${projections.join(', ')} ${projections.length === 1 ? 'is' : 'are'} already being rebuilt (job ${jobId})`,
      projections,
      jobId,
    );
  }

  static shuttingDown(projections: readonly string[]): RebuildRefusedError {
    return new RebuildRefusedError('ShuttingDown', 'The API is shutting down; start the rebuild again once it is back', projections);
  }
}
