import { INCIDENT_PROJECTIONS } from '@ledger/projections';
import { type PrunableCollection, type PruneOptions, pruneCollections } from '../prune';
import { openExistingReadStore } from './open-stores';
import { ProjectorUsageError } from './usage-error';
import { loadStoresConfig } from './stores-config';

export const PRUNE_USAGE = 'usage: ledger prune [--older-than-hours=N] [--include-old-versions] [--dry-run]';

/**
 * `ledger prune`: drops the read-model collections nothing reads (see findPrunable) from the read
 * store the environment names, printing one line per collection on stdout. Safe while everything
 * runs: active collections and builds younger than --older-than-hours (default 24) are kept.
 * Throws ProjectorUsageError on bad arguments.
 */
export async function runPrune(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  stdout: NodeJS.WritableStream = process.stdout,
): Promise<PrunableCollection[]> {
  const options = parsePruneArgs(argv);
  const readStore = await openExistingReadStore(loadStoresConfig(env));
  try {
    const pruned = await pruneCollections(readStore, INCIDENT_PROJECTIONS, options);
    const verb = options.dryRun ? 'would drop' : 'dropped';
    for (const { collection, projection, reason } of pruned) stdout.write(`${verb} ${collection} (${projection}: ${reason})\n`);
    const count = `${pruned.length} collection${pruned.length === 1 ? '' : 's'}`;
    stdout.write(options.dryRun ? `${count} to drop (dry run)\n` : `${count} dropped\n`);
    return pruned;
  } finally {
    await readStore.close();
  }
}

export const parsePruneArgs = (argv: readonly string[]): PruneOptions => {
  const options: { -readonly [K in keyof PruneOptions]?: PruneOptions[K] } = {};
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2) as [string, string | undefined];
    if (flag === '--older-than-hours') {
      const hours = Number(value);
      if (value === undefined || value.trim() === '' || !Number.isFinite(hours) || hours < 0) {
        throw new ProjectorUsageError(`--older-than-hours needs a number >= 0\n${PRUNE_USAGE}`);
      }
      options.olderThanMs = hours * 3_600_000;
    } else if (arg === '--include-old-versions') options.includeOldVersions = true;
    else if (arg === '--dry-run') options.dryRun = true;
    else throw new ProjectorUsageError(`unknown argument ${arg}\n${PRUNE_USAGE}`);
  }
  return options;
};
