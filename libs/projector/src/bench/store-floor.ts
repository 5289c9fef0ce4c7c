import type { IndexSpec, ReadDocument, ReadStore, ReadWrite } from '@ledger/read-store';

/** Documents per commit: RebuildLane's default maxPendingWrites. */
const COMMIT_SIZE = 50_000;
const PAGE_SIZE = 1_000;

/**
 * What storing a rebuilt read model costs by itself: the documents of `collection` in `source`
 * (a finished rebuild's, read back untimed) are committed into a fresh collection of `target` the
 * way a rebuild commits them (sorted by id, COMMIT_SIZE per commit, each with a checkpoint,
 * through the port and its checks), then the indexes are built. Only the commits and the index
 * build are timed. Adding the scan gives the fastest rebuild this store allows with these
 * documents, whatever the projections cost: the floor that the rebuild's own rate is compared
 * with in docs/projections.md ("Rebuild throughput").
 */
export async function measureStoreFloor(
  source: ReadStore,
  collection: string,
  target: ReadStore,
  indexes: readonly IndexSpec[],
): Promise<{ documents: number; seconds: number }> {
  const floor = `floor_${collection}`.slice(0, 100);
  await target.dropCollection(floor);
  await target.deleteCheckpoint(floor);
  await target.ensureCollection(floor, []);
  let documents = 0;
  let ms = 0;
  let pending: ReadWrite[] = [];
  const commit = async (): Promise<void> => {
    const started = performance.now();
    await target.commit(pending, { name: floor, position: BigInt(documents) });
    ms += performance.now() - started;
    pending = [];
  };
  for (let cursor: string | null | undefined; cursor !== null; ) {
    // No sort: the id tiebreaker alone orders the pages, so each commit is sorted by id as a rebuild's is.
    const page = await source.find<ReadDocument>(collection, { limit: PAGE_SIZE, ...(cursor !== undefined && { cursor }) });
    for (const document of page.items) pending.push({ collection: floor, type: 'put', document });
    documents += page.items.length;
    if (pending.length >= COMMIT_SIZE) await commit();
    cursor = page.nextCursor;
  }
  if (pending.length > 0) await commit();
  const started = performance.now();
  await target.ensureCollection(floor, indexes);
  ms += performance.now() - started;
  return { documents, seconds: ms / 1_000 };
}
