import { type EventStore, INCIDENT_STREAM_PREFIX } from '@ledger/event-store';

/** Progress of a scan over the whole ledger, for progress bars. */
export type ScanProgress = Readonly<{ position: bigint; headPosition: bigint; eventsRead: number }>;

export type RangeScanOptions = Readonly<{ pageSize?: number; onProgress?: (progress: ScanProgress) => void }>;

const recordedAtOf = (metadata: unknown): number => {
  const value = (metadata as { recordedAt?: unknown } | null)?.recordedAt;
  return typeof value === 'string' ? Date.parse(value) : Number.NaN;
};

/**
 * The incidents with at least one event recorded in [from, to), in the order their first such event was
 * recorded. Reads the whole ledger in global order: positions are not times (EventStoreDB may reorder on
 * restore, clocks of several writers differ), so stopping early at a position would risk missing one.
 */
export const findIncidentsRecordedIn = async (
  store: EventStore,
  from: Date,
  to: Date,
  options: RangeScanOptions = {},
): Promise<string[]> => {
  const start = from.getTime();
  const end = to.getTime();
  const found = new Set<string>();
  const headPosition = await store.headPosition();
  let after = 0n;
  let eventsRead = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: options.pageSize ?? 1000 });
    if (page.length === 0) break;
    for (const event of page) {
      const at = recordedAtOf(event.metadata);
      if (event.stream.startsWith(INCIDENT_STREAM_PREFIX) && at >= start && at < end) {
        found.add(event.stream.slice(INCIDENT_STREAM_PREFIX.length));
      }
    }
    eventsRead += page.length;
    after = page[page.length - 1]!.position;
    options.onProgress?.({ position: after, headPosition: headPosition > after ? headPosition : after, eventsRead });
  }
  return [...found];
};
