import type { LedgerEvent } from '@ledger/ledger';
import {
  DEFAULT_PROJECTION_CONTEXT,
  INCIDENT_PROJECTIONS,
  incidentSummaryProjection,
  projectEvents,
  type Projection,
  type ProjectionDocument,
} from '@ledger/projections';
import type { ReadWrite } from '@ledger/read-store';
import { TestLedger } from '../../../projections/src/testing';
import { RebuildLane } from './rebuild-lane';
import { InMemoryReadStore } from './testing';

/** Three incidents, interleaved, one reopened: events of one incident span several batches. */
const ledgerEvents = (): LedgerEvent[] => {
  const ledger = new TestLedger();
  const [a, b, c] = [ledger.incident('INC-A'), ledger.incident('INC-B'), ledger.incident('INC-C')];
  return [
    a.logged(), b.logged(), a.categorized(), c.logged(), a.prioritized({ after: '5m' }), b.categorized(),
    a.assigned({ team: 'soc' }), b.prioritized({ priority: 'P1' }), c.categorized(), a.contained(), b.assigned(),
    a.eradicated(), c.prioritized(), a.recovered(), a.closed(), b.contained(), a.reopened(), a.assigned({ assignee: 'bob' }),
  ];
};

const inBatches = <T>(items: readonly T[], size: number): T[][] => {
  const batches: T[][] = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
};

/** Runs a lane over `events` in batches, then flushes; returns the store and what it was asked. */
const rebuildWith = async (
  projection: Projection<ProjectionDocument>,
  events: readonly LedgerEvent[],
  options: { batch: number; maxPendingWrites: number },
) => {
  const store = new InMemoryReadStore();
  const commits: ReadWrite[][] = [];
  const reads: string[][] = [];
  const commit = store.commit.bind(store);
  const getMany = store.getMany.bind(store);
  store.commit = async (writes, checkpoint) => {
    commits.push([...writes]);
    return commit(writes, checkpoint);
  };
  store.getMany = async (collection, ids) => {
    reads.push([...ids]);
    return getMany(collection, ids);
  };
  const lane = new RebuildLane(projection, 'rebuilt', { maxPendingWrites: options.maxPendingWrites });
  for (const batch of inBatches(events, options.batch)) {
    await lane.advance(store, batch, batch[batch.length - 1]!.position, DEFAULT_PROJECTION_CONTEXT);
  }
  await lane.flush(store);
  return { store, lane, commits, reads };
};

const stored = async (store: InMemoryReadStore): Promise<Map<string, unknown>> => {
  const page = await store.find('rebuilt', { limit: 1_000 });
  return new Map(page.items.map((document) => [document.id, document]));
};

describe('RebuildLane', () => {
  it('given pending room for everything, when it runs, then one commit holds each document once, in id order, with the last checkpoint', async () => {
    const events = ledgerEvents();
    for (const projection of INCIDENT_PROJECTIONS) {
      const { store, commits, reads, lane } = await rebuildWith(projection, events, { batch: 4, maxPendingWrites: 10_000 });
      expect(commits).toHaveLength(1);
      const ids = commits[0]!.map((write) => (write.type === 'put' ? write.document.id : write.id));
      expect(ids).toEqual([...new Set(ids)].sort());
      // A new collection holds only what the lane wrote: nothing to read back.
      expect(reads).toEqual([]);
      expect(await store.readCheckpoint(lane.checkpointName)).toBe(events[events.length - 1]!.position);
      expect(await stored(store)).toEqual(new Map(projectEvents(projection, events, DEFAULT_PROJECTION_CONTEXT)));
    }
  });

  it('given little pending room, when documents are committed and evicted, then it reads back only those and ends equal to the reference', async () => {
    const events = ledgerEvents();
    for (const projection of INCIDENT_PROJECTIONS) {
      const { store, commits, reads } = await rebuildWith(projection, events, { batch: 3, maxPendingWrites: 2 });
      expect(commits.length).toBeGreaterThan(2);
      const written = new Set(commits.flat().map((write) => (write.type === 'put' ? write.document.id : write.id)));
      expect(reads.flat().length).toBeGreaterThan(0);
      for (const id of reads.flat()) expect(written.has(id)).toBe(true);
      expect(await stored(store)).toEqual(new Map(projectEvents(projection, events, DEFAULT_PROJECTION_CONTEXT)));
    }
  });

  it('given events not yet committed, then the checkpoint stays where the last commit left it', async () => {
    const events = ledgerEvents();
    const store = new InMemoryReadStore();
    const lane = new RebuildLane(incidentSummaryProjection as Projection<ProjectionDocument>, 'rebuilt', { maxPendingWrites: 100 });
    await lane.advance(store, events.slice(0, 6), events[5]!.position, DEFAULT_PROJECTION_CONTEXT);
    expect(lane.position).toBe(events[5]!.position);
    expect(lane.committedPosition).toBe(0n);
    expect(await store.readCheckpoint(lane.checkpointName)).toBeUndefined();
    await lane.flush(store);
    expect(lane.committedPosition).toBe(events[5]!.position);
    expect(await store.readCheckpoint(lane.checkpointName)).toBe(events[5]!.position);
  });

  it('refuses a pending limit below one', () => {
    expect(() => new RebuildLane(incidentSummaryProjection as Projection<ProjectionDocument>, 'c', { maxPendingWrites: 0 })).toThrow(RangeError);
  });
});
