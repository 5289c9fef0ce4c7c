import type { Projection, ProjectionDocument } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { builtAtOfCollection, checkpointNameOf, versionOfCollection } from './collections';

export type PruneOptions = Readonly<{
  /**
   * Builds of the current version younger than this are kept: one may be a rebuild still running in
   * another process. Default 24 h.
   */
  olderThanMs?: number;
  /** Also prune older versions' collections (the previous release may still read them). Default false. */
  includeOldVersions?: boolean;
  /** List only; drop nothing. */
  dryRun?: boolean;
  now?: Date;
}>;

export type PrunableCollection = Readonly<{
  projection: string;
  collection: string;
  reason: 'inactive build' | 'old version';
}>;

const DEFAULT_OLDER_THAN_MS = 24 * 3_600_000;

/**
 * Collections of these projections that nothing reads: builds of the current version that are not
 * active (the previous build after `--keep-previous`, a rebuild that crashed before its switch) and,
 * when asked, older versions' collections. Never touched: active collections, newer versions (a
 * newer release's), collections of no known projection, and recent builds (a rebuild may be running).
 */
export async function findPrunable(
  readStore: ReadStore,
  projections: readonly Projection<ProjectionDocument>[],
  options: PruneOptions = {},
): Promise<PrunableCollection[]> {
  const now = (options.now ?? new Date()).getTime();
  const olderThanMs = options.olderThanMs ?? DEFAULT_OLDER_THAN_MS;
  const collections = await readStore.listCollections();
  const found: PrunableCollection[] = [];
  for (const projection of projections) {
    const active = await readStore.getActiveCollection(projection.name);
    for (const collection of collections) {
      const version = versionOfCollection(projection, collection);
      if (version === undefined || collection === active || version > projection.version) continue;
      if (version < projection.version) {
        if (options.includeOldVersions) found.push({ projection: projection.name, collection, reason: 'old version' });
        continue;
      }
      const builtAt = builtAtOfCollection(collection);
      // A first build (no time in its name) is never a running rebuild.
      if (builtAt === undefined || now - builtAt >= olderThanMs) {
        found.push({ projection: projection.name, collection, reason: 'inactive build' });
      }
    }
  }
  return found;
}

/** Drops what findPrunable finds, with each collection's checkpoint; returns what it dropped (or would). */
export async function pruneCollections(
  readStore: ReadStore,
  projections: readonly Projection<ProjectionDocument>[],
  options: PruneOptions = {},
): Promise<PrunableCollection[]> {
  const prunable = await findPrunable(readStore, projections, options);
  if (options.dryRun) return prunable;
  const dropped: PrunableCollection[] = [];
  for (const candidate of prunable) {
    // Checked again right before dropping: a switch may have made it active meanwhile.
    if ((await readStore.getActiveCollection(candidate.projection)) === candidate.collection) continue;
    await readStore.dropCollection(candidate.collection);
    await readStore.deleteCheckpoint(checkpointNameOf(candidate.collection));
    dropped.push(candidate);
  }
  return dropped;
}
