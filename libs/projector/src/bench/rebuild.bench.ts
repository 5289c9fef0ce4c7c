/**
 * Projector throughput on the embedded stores (SQLite event store and read store in a temp dir):
 * generates BENCH_REBUILD_EVENTS (default 100 000) valid ledger events, then
 * - scans them as a rebuild reads them (readAll pages of 5 000, decoded) and projects nothing: the
 *   ceiling any rebuild rate has here;
 * - rebuilds all projections blue-green (what `ledger rebuild all` does);
 * - rebuilds each projection alone into its own read store, since their costs differ by the volume
 *   they write (a summary per incident, a timeline entry per event, an interval per phase);
 * - measures the floor: the scan plus storing the rebuilt documents as a rebuild stores them
 *   (see measureStoreFloor), i.e. the rebuild rate this store allows if projecting cost nothing;
 * - lets a live Projector catch up on the same events from zero (the subscription path) into a
 *   second read store.
 * Figures are events per second of the whole ledger (every projection applied), by the wall clock
 * and per CPU second of this process (the latter is what to compare on a busy machine, though it
 * includes the garbage collector's helper threads); never assert them.
 *
 * Run it alone, without building (from the repository root; BENCH_REBUILD_EVENTS to change the size):
 *   node -r ./libs/projector/src/testing/register-ts.js -e \
 *     "require('./libs/projector/src/bench/rebuild.bench.ts').benchRebuild().then((f) => console.table(f))"
 * Add `--cpu-prof` after `node` for a profile (it covers generating the ledger too).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INCIDENT_STREAM_PREFIX, SqliteEventStore } from '@ledger/event-store';
import { LedgerEventCodec } from '@ledger/ledger';
import { INCIDENT_PROJECTIONS } from '@ledger/projections';
import { SqliteReadStore } from '@ledger/read-store';
import { silentProjectorLogger } from '../logger';
import { Projector } from '../projector';
import { defaultIndexesFor } from '../read-model-indexes';
import { rebuildProjections } from '../rebuild';
import { appendSyntheticLedger } from '../testing/synthetic-ledger';
import { measureStoreFloor } from './store-floor';

const round = (value: number, digits = 2): number => Math.round(value * 10 ** digits) / 10 ** digits;

/** Generates the ledger, rebuilds every projection, then measures a live catch-up; returns figures by name. */
export async function benchRebuild(): Promise<Record<string, number>> {
  const target = Number(process.env.BENCH_REBUILD_EVENTS ?? 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'ledger-bench-rebuild-'));
  const eventStore = await SqliteEventStore.open({ directory: dir, maxBatchAppends: 10_000 });
  try {
    // Only the count is kept: the generated events themselves (all of them, in memory) would make
    // every garbage collection of the measured runs slower.
    const incidents = (await appendSyntheticLedger(eventStore, { events: target, seed: 42, foreignEvery: 1_000 })).incidents.length;
    const head = await eventStore.headPosition();
    const scan = await scanEvents(eventStore);

    const readStore = await SqliteReadStore.open({ directory: dir });
    let rebuild;
    let cpuSeconds: number;
    const floor: Record<string, number> = {};
    try {
      const cpuBefore = process.cpuUsage();
      rebuild = await rebuildProjections({
        eventStore,
        readStore,
        projections: INCIDENT_PROJECTIONS,
        dropDelayMs: 0,
      });
      // CPU time too: on a shared machine the wall-clock rate mostly measures the neighbours.
      const cpu = process.cpuUsage(cpuBefore);
      cpuSeconds = (cpu.user + cpu.system) / 1e6;
      Object.assign(floor, await measureFloor(readStore, join(dir, 'floor.sqlite'), rebuild.eventsRead, scan.seconds));
    } finally {
      await readStore.close();
    }

    const alone: Record<string, number> = {};
    for (const projection of INCIDENT_PROJECTIONS) {
      const store = await SqliteReadStore.open({ file: join(dir, `${projection.name}.sqlite`) });
      try {
        const result = await rebuildProjections({ eventStore, readStore: store, projections: [projection], dropDelayMs: 0 });
        alone[`projector.rebuild.only.${projection.name}.events_per_s`] = result.eventsPerSecond;
      } finally {
        await store.close();
      }
    }

    const liveStore = await SqliteReadStore.open({ file: join(dir, 'live-read-models.sqlite') });
    let catchUpSeconds: number;
    let catchUpCpuSeconds: number;
    try {
      const projector = new Projector({ eventStore, readStore: liveStore, logger: silentProjectorLogger });
      const started = performance.now();
      const catchUpCpu = process.cpuUsage();
      await projector.start();
      if (!(await projector.waitForPosition(head, 600_000))) throw new Error('live catch-up did not finish');
      catchUpSeconds = (performance.now() - started) / 1000;
      const used = process.cpuUsage(catchUpCpu);
      catchUpCpuSeconds = (used.user + used.system) / 1e6;
      await projector.stop();
    } finally {
      await liveStore.close();
    }

    return {
      'projector.scan.events_per_s': Math.round(scan.events / scan.seconds),
      'projector.rebuild.events': rebuild.eventsRead,
      'projector.rebuild.incidents': incidents,
      'projector.rebuild.seconds': round(rebuild.seconds),
      'projector.rebuild.events_per_s': rebuild.eventsPerSecond,
      'projector.rebuild.cpu_seconds': round(cpuSeconds),
      'projector.rebuild.events_per_cpu_s': Math.round(rebuild.eventsRead / cpuSeconds),
      // Where the rebuild's time went (seconds): the event store, the projections, the read store.
      'projector.rebuild.read_events_s': round(rebuild.timings.readSeconds),
      'projector.rebuild.apply_s': round(rebuild.timings.applySeconds),
      'projector.rebuild.read_store_s': round(rebuild.timings.loadSeconds + rebuild.timings.commitSeconds),
      ...alone,
      ...floor,
      'projector.catchup.seconds': round(catchUpSeconds),
      'projector.catchup.events_per_s': Math.round(Number(head) / catchUpSeconds),
      'projector.catchup.cpu_seconds': round(catchUpCpuSeconds),
      'projector.catchup.events_per_cpu_s': Math.round(Number(head) / catchUpCpuSeconds),
    };
  } finally {
    await eventStore.close();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Stores each rebuilt read model of `readStore` again, into a fresh store file (measureStoreFloor);
 * the floor rate is the events over the scan plus all of those store times.
 */
async function measureFloor(readStore: SqliteReadStore, file: string, events: number, scanSeconds: number): Promise<Record<string, number>> {
  const target = await SqliteReadStore.open({ file });
  const figures: Record<string, number> = {};
  let seconds = scanSeconds;
  try {
    for (const projection of INCIDENT_PROJECTIONS) {
      const collection = await readStore.getActiveCollection(projection.name);
      if (collection === undefined) throw new Error(`no active collection for ${projection.name}`);
      const stored = await measureStoreFloor(readStore, collection, target, defaultIndexesFor(projection));
      figures[`projector.rebuild.floor.${projection.name}.store_s`] = round(stored.seconds);
      seconds += stored.seconds;
    }
  } finally {
    await target.close();
  }
  figures['projector.rebuild.floor.events_per_s'] = Math.round(events / seconds);
  return figures;
}

/** Reads and decodes every event as a rebuild does, applying nothing. */
async function scanEvents(eventStore: SqliteEventStore): Promise<{ events: number; seconds: number }> {
  const codec = new LedgerEventCodec();
  const started = performance.now();
  let events = 0;
  for (let after = 0n; ; ) {
    const page = await eventStore.readAll({ after, maxCount: 5_000 });
    for (const event of page) if (event.stream.startsWith(INCIDENT_STREAM_PREFIX)) codec.decode(event);
    events += page.length;
    if (page.length < 5_000) break;
    after = page[page.length - 1]!.position;
  }
  return { events, seconds: (performance.now() - started) / 1_000 };
}
