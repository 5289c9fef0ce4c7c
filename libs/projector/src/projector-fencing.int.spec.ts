import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@ledger/event-store';
import { DEFAULT_PROJECTION_CONTEXT as context, INCIDENT_PROJECTIONS, incidentSummaryProjection, versionedName } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { rejection } from '../../read-store/src/testing/contract-support';
import { ProjectionLane } from './projection-lane';
import type { ProjectorLogger } from './logger';
import {
  appendSyntheticLedger,
  diffReadModels,
  documentCount,
  holdFirstCommit,
  readLedgerEvents,
  referenceReadModels,
  snapshotReadModels,
} from './testing';
import { TestProjectors } from './testing/projector-harness';

/**
 * Two writers of the same read models (a second projector, or the old release still running during
 * a rolling deploy): the one behind must never replace documents with older states. The checkpoint
 * fence refuses its commit (CheckpointConflictError) and the projector continues from the
 * checkpoints the other one wrote.
 */
describe('Two projectors on one read store', () => {
  let dir: string;
  let events: SqliteEventStore;
  let readStore: SqliteReadStore;
  const projectors = new TestProjectors(() => ({ eventStore: events, readStore, batchSize: 150, catchUpBatchSize: 150 }));

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'projector-fencing-'));
    events = await SqliteEventStore.open({ directory: dir, pollIntervalMs: 10, maxBatchAppends: 5000 });
    readStore = await SqliteReadStore.open({ directory: dir });
    await appendSyntheticLedger(events, { events: 1500, seed: 5 });
  });
  afterEach(async () => {
    await projectors.stopAll();
    await readStore.close();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a lane that loaded its documents before another committed further, when it commits, then it is refused and the newer documents stay', async () => {
    const ledger = await readLedgerEvents(events);
    const head = ledger.at(-1)!.position;
    const half = ledger[Math.floor(ledger.length / 2)]!.position;
    const collection = versionedName(incidentSummaryProjection);
    await readStore.ensureCollection(collection, []);
    await readStore.setActiveCollection(incidentSummaryProjection.name, collection);
    const gate = holdFirstCommit(readStore);
    const behind = new ProjectionLane(incidentSummaryProjection, collection, 0n);
    const ahead = new ProjectionLane(incidentSummaryProjection, collection, 0n);

    // The slow writer reads and applies the first half, then waits at its commit ...
    const slow = behind.advance(gate.store, ledger.filter((event) => event.position <= half), half, context);
    await gate.held;
    // ... while the other one projects everything.
    await ahead.advance(readStore, ledger, head, context);
    gate.release();

    expect(await rejection(slow)).toBe('CheckpointConflictError');
    expect(await readStore.readCheckpoint(ahead.checkpointName)).toBe(head);
    const expected = referenceReadModels(ledger, [incidentSummaryProjection]);
    expect(diffReadModels(await snapshotReadModels(readStore, [incidentSummaryProjection]), expected)).toEqual([]);
    expect(behind.position).toBe(0n);
  });

  it('given a projector held at its first commit while another catches up, then it follows the other one and the read models equal a full rebuild', async () => {
    const gate = holdFirstCommit(readStore);
    const warnings: string[] = [];
    const logger: ProjectorLogger = { log: () => undefined, warn: (message) => warnings.push(message), error: () => undefined };
    const late = projectors.create({ readStore: gate.store, logger });
    await late.start();
    await gate.held;
    const first = projectors.create();
    await first.start();
    const head = await events.headPosition();
    expect(await first.waitForPosition(head, 30_000)).toBe(true);

    gate.release();
    await appendSyntheticLedger(events, { events: 300, seed: 6 });
    const newHead = await events.headPosition();
    expect(await late.waitForPosition(newHead, 30_000)).toBe(true);
    expect(await first.waitForPosition(newHead, 30_000)).toBe(true);
    await projectors.stopAll();

    expect(warnings.some((message) => message.includes('another writer is ahead'))).toBe(true);
    expect((await late.status()).lastError).toBeUndefined();
    const expected = referenceReadModels(await readLedgerEvents(events), INCIDENT_PROJECTIONS);
    const actual = await snapshotReadModels(readStore, INCIDENT_PROJECTIONS);
    expect(diffReadModels(actual, expected)).toEqual([]);
    expect(documentCount(actual)).toBeGreaterThan(0);
  });
});
