import { INCIDENT_PROJECTIONS, type Projection, type ProjectionDocument } from '@ledger/projections';
import { findProjection } from '../collections';
import { consoleProjectorLogger } from '../logger';
import { rebuildProjections } from '../rebuild';
import type { RebuildResult } from '../rebuild-types';
import { openStores } from './open-stores';
import { rebuildProgressView } from './rebuild-progress-bar';
import { ProjectorUsageError } from './usage-error';
import { loadStoresConfig } from './stores-config';

export type RebuildCommandArgs = Readonly<{
  /** Projection names ('incident-summary'), versioned names ('incident_summary_v1') or 'all'. */
  projections: readonly string[];
  /** Events per readAll page. */
  pageSize?: number;
  /** Events per commit. */
  batchEvents?: number;
  /** Keep the previously active collections instead of dropping them. */
  keepPrevious?: boolean;
  /** Wait between the switch and dropping the previous collections (live projectors move over). */
  dropDelayMs?: number;
  /** Progress bar on/off; default: on when stderr is a terminal. */
  progress?: boolean;
}>;

export type RebuildCommandIo = Readonly<{ stdout?: NodeJS.WritableStream; stderr?: NodeJS.WriteStream }>;

export const REBUILD_USAGE =
  'usage: ledger rebuild <projection…|all> [--page-size=N] [--batch-events=N] [--keep-previous] ' +
  '[--drop-delay-ms=N] [--no-progress]\n' +
  `projections: ${INCIDENT_PROJECTIONS.map((p) => p.name).join(', ')}`;

/**
 * `ledger rebuild <projection>`: rebuilds read models blue-green from the stores named by the
 * environment (the API's variables), drawing a progress bar on stderr and printing the result on
 * stdout. Safe while the API and the projector run: they keep serving the old collections until
 * the switch, then follow the new ones. Throws ProjectorUsageError on bad arguments.
 */
export async function runRebuild(
  args: RebuildCommandArgs | readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  io: RebuildCommandIo = {},
): Promise<RebuildResult> {
  const options = Array.isArray(args) ? parseRebuildArgs(args as readonly string[]) : (args as RebuildCommandArgs);
  const projections = selectProjections(options.projections);
  const stdout = io.stdout ?? process.stdout;
  const stores = await openStores(loadStoresConfig(env));
  const view = rebuildProgressView({
    label: `rebuild ${projections.map((p) => p.name).join(', ')}`,
    ...(io.stderr && { stream: io.stderr }),
    ...(options.progress !== undefined && { enabled: options.progress }),
  });
  try {
    const result = await rebuildProjections({
      eventStore: stores.eventStore,
      readStore: stores.readStore,
      projections,
      onProgress: (progress) => view.update(progress),
      logger: consoleProjectorLogger('rebuild'),
      ...(options.pageSize !== undefined && { pageSize: options.pageSize }),
      ...(options.batchEvents !== undefined && { batchEvents: options.batchEvents }),
      ...(options.keepPrevious && { dropPrevious: false }),
      ...(options.dropDelayMs !== undefined && { dropDelayMs: options.dropDelayMs }),
    });
    view.stop();
    for (const c of result.collections) {
      stdout.write(`${c.projection}: ${c.previous ?? '(none)'} -> ${c.collection}\n`);
    }
    stdout.write(
      `rebuilt up to position ${result.position}: ${result.eventsRead} events in ${result.seconds.toFixed(1)} s ` +
        `(${result.eventsPerSecond} events/s)\n`,
    );
    return result;
  } finally {
    view.stop();
    await stores.close();
  }
}

/** Parses `<projection…|all> [--page-size=N] [--batch-events=N] [--keep-previous] [--drop-delay-ms=N] [--no-progress]`. */
export const parseRebuildArgs = (argv: readonly string[]): RebuildCommandArgs => {
  const projections: string[] = [];
  const parsed: { -readonly [K in keyof RebuildCommandArgs]?: RebuildCommandArgs[K] } = {};
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2) as [string, string | undefined];
    switch (flag) {
      case '--page-size':
        parsed.pageSize = positive(flag, value);
        break;
      case '--batch-events':
        parsed.batchEvents = positive(flag, value);
        break;
      case '--drop-delay-ms':
        parsed.dropDelayMs = positive(flag, value, 0);
        break;
      case '--keep-previous':
        parsed.keepPrevious = true;
        break;
      case '--no-progress':
        parsed.progress = false;
        break;
      default:
        if (arg.startsWith('-')) throw new ProjectorUsageError(`unknown option ${arg}\n${REBUILD_USAGE}`);
        projections.push(arg);
    }
  }
  return { ...parsed, projections };
};

const positive = (flag: string, value: string | undefined, min = 1): number => {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min) {
    throw new ProjectorUsageError(`${flag} needs an integer >= ${min}\n${REBUILD_USAGE}`);
  }
  return n;
};

/** The projections named (by name or versioned name), or all of them for 'all'. */
export const selectProjections = (names: readonly string[]): Projection<ProjectionDocument>[] => {
  if (names.length === 0) throw new ProjectorUsageError(`name a projection to rebuild\n${REBUILD_USAGE}`);
  if (names.includes('all')) return [...INCIDENT_PROJECTIONS];
  return [...new Set(names)].map((name) => {
    const found = findProjection(name);
    if (found === undefined) throw new ProjectorUsageError(`unknown projection '${name}'\n${REBUILD_USAGE}`);
    return found;
  });
};
