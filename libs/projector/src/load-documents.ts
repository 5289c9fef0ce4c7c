import type { ProjectionDocument } from '@ledger/projections';
import type { ReadDocument, ReadStore } from '@ledger/read-store';

/** Reads `ids` from `collection` into `into` (missing = null), at most `chunk` ids per getMany. */
export async function loadDocuments(
  readStore: ReadStore,
  collection: string,
  ids: readonly string[],
  into: Map<string, ProjectionDocument | null>,
  chunk = 5_000,
): Promise<void> {
  for (let start = 0; start < ids.length; start += chunk) {
    const part = ids.slice(start, start + chunk);
    const found = await readStore.getMany<ReadDocument>(collection, part);
    for (const id of part) into.set(id, (found.get(id) as ProjectionDocument | undefined) ?? null);
  }
}
