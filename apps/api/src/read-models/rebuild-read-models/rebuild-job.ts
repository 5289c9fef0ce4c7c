import type { Projection, ProjectionDocument } from '@ledger/projections';
import type { RebuildProgress, RebuildResult, RebuiltCollection } from '@ledger/projector';

/** How far a rebuild has got. Positions are decimal strings (they are 64-bit). */
export type RebuildJobProgress = Readonly<{
  /** 'loading' up to the head seen at the start, 'catching-up' on what was appended since, then 'switched'. */
  phase: RebuildProgress['phase'];
  /** position / headPosition, 0..1; 1 once switched. */
  ratio: number;
  eventsRead: number;
  position: string;
  /** The head when the rebuild started (raised to position once passed). */
  headPosition: string;
  eventsPerSecond: number;
  elapsedMs: number;
}>;

/** What a finished rebuild did: the collections it switched to, and how fast. */
export type RebuildJobResult = Readonly<{
  collections: readonly RebuiltCollection[];
  /** Checkpoint of the new collections: the live projector continues from here. */
  position: string;
  eventsRead: number;
  seconds: number;
  eventsPerSecond: number;
}>;

/** A rebuild started over HTTP, as GET /read-models/rebuilds/:id shows it. */
export type RebuildJob = Readonly<{
  id: string;
  /** Projection names ('incident-summary'), whatever names the request used. */
  projections: readonly string[];
  state: 'running' | 'succeeded' | 'failed';
  /** The authenticated principal who started it. */
  startedBy: string;
  /** The API process running it (`host:pid`): the rebuild runs there, any replica shows it. */
  replica: string;
  startedAt: string;
  finishedAt?: string;
  progress: RebuildJobProgress;
  /** Once succeeded. */
  result?: RebuildJobResult;
  /** Once failed: a one-line message, never a stack. */
  error?: string;
}>;

/** Runs one blue-green rebuild; the API's runs rebuildProjections over its own stores. */
export type RebuildRunner = (
  projections: readonly Projection<ProjectionDocument>[],
  hooks: Readonly<{ onProgress: (progress: RebuildProgress) => void; signal: AbortSignal }>,
) => Promise<RebuildResult>;

export const REBUILD_RUNNER = Symbol('REBUILD_RUNNER');

/** Before the rebuild's first report. */
export const NO_PROGRESS: RebuildJobProgress = {
  phase: 'loading',
  ratio: 0,
  eventsRead: 0,
  position: '0',
  headPosition: '0',
  eventsPerSecond: 0,
  elapsedMs: 0,
};

export const progressView = (progress: RebuildProgress): RebuildJobProgress => ({
  phase: progress.phase,
  ratio: progress.ratio,
  eventsRead: progress.eventsRead,
  position: progress.position.toString(),
  headPosition: progress.headPosition.toString(),
  eventsPerSecond: progress.eventsPerSecond,
  elapsedMs: Math.round(progress.elapsedMs),
});

export const resultView = (result: RebuildResult): RebuildJobResult => ({
  collections: result.collections,
  position: result.position.toString(),
  eventsRead: result.eventsRead,
  seconds: Math.round(result.seconds * 1_000) / 1_000,
  eventsPerSecond: result.eventsPerSecond,
});

const MAX_ERROR_LENGTH = 300;

/** A failure as one short line for the client; the stack stays in the server's log. */
export const failureMessage = (error: unknown): string => {
  // Duck-typed: errors may come from another realm (e.g. under jest), where instanceof Error fails.
  const message = (error as { message?: unknown } | null)?.message;
  const line = (typeof message === 'string' ? message : String(error)).split('\n', 1)[0]!.trim();
  if (line === '') return 'The rebuild failed';
  return line.length > MAX_ERROR_LENGTH ? `${line.slice(0, MAX_ERROR_LENGTH - 1)}…` : line;
};
