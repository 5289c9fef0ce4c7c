/** What the projector is doing right now. */
export type ProjectorState =
  | 'created'
  | 'starting'
  /** Following the event store (catching up or live). */
  | 'running'
  /** Building a collection for a projection whose version changed, before following. */
  | 'rebuilding'
  /** Waiting to retry after an error (see lastError). */
  | 'retrying'
  | 'stopping'
  | 'stopped';

export type ProjectorError = Readonly<{
  name: string;
  message: string;
  at: Date;
  /** The projection that failed, when one did (ProjectionOrderError, a failed commit). */
  projection?: string;
}>;

export type ProjectionLaneStatus = Readonly<{
  projection: string;
  version: number;
  /** The collection this projector writes (the active one). */
  collection: string;
  /** Its checkpoint: every event up to this global position is applied. */
  position: bigint;
  /** Events handed to the projection since start (already-applied ones included). */
  eventsProcessed: number;
  /** Documents written or deleted since start. */
  documentsWritten: number;
  lastCommitAt?: Date;
}>;

/**
 * A snapshot of the projector. Positions are global positions of the event store; lag is in
 * POSITION UNITS (headPosition - position). On the embedded store positions are consecutive, so
 * that is a number of events; on EventStoreDB it is a distance in the transaction log (bytes).
 */
export type ProjectorStatus = Readonly<{
  state: ProjectorState;
  /** The lowest checkpoint of all projections: everything up to here is in every read model. */
  position: bigint;
  /** Position of the newest ledger event (undefined if the event store did not answer). */
  headPosition?: bigint;
  /** max(0, headPosition - position), in position units (see above). */
  lag?: bigint;
  lagUnit: 'position';
  /** Caught up with the head since the (re)subscription and nothing left behind it. */
  caughtUp: boolean;
  /** Events read per second over the last 10 s. */
  eventsPerSecond: number;
  /** Events read from the store since start (all streams). */
  eventsRead: number;
  batches: number;
  lastError?: ProjectorError;
  projections: readonly ProjectionLaneStatus[];
}>;

/** The status as JSON-friendly values (bigints as decimal strings), for logs and HTTP. */
export const statusToJson = (status: ProjectorStatus): Record<string, unknown> => ({
  ...status,
  position: status.position.toString(),
  headPosition: status.headPosition?.toString(),
  lag: status.lag?.toString(),
  lastError: status.lastError && { ...status.lastError, at: status.lastError.at.toISOString() },
  projections: status.projections.map((lane) => ({
    ...lane,
    position: lane.position.toString(),
    lastCommitAt: lane.lastCommitAt?.toISOString(),
  })),
});
