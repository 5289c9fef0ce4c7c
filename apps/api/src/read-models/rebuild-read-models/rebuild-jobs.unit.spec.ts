import { Logger } from '@nestjs/common';
import { INCIDENT_PROJECTIONS, type Projection, type ProjectionDocument } from '@ledger/projections';
import { RebuildConflictError, type RebuildProgress, type RebuildResult } from '@ledger/projector';
import { InMemoryReadStore } from '../../../../../libs/projector/src/testing';
import { SystemClock } from '../../infrastructure/system-clock';
import type { RebuildRunner } from './rebuild-job';
import {
  FINISHED_JOBS_STORED,
  REBUILD_JOB_HEARTBEAT_MS,
  REBUILD_JOB_STALE_MS,
  REBUILD_JOBS_COLLECTION,
  RebuildJobRecords,
} from './rebuild-job-records';
import { FINISHED_JOBS_KEPT, RebuildJobs } from './rebuild-jobs';
import { RebuildRefusedError } from './rebuild-refused.error';

const [summary, timeline, intervals] = INCIDENT_PROJECTIONS as [
  Projection<ProjectionDocument>,
  Projection<ProjectionDocument>,
  Projection<ProjectionDocument>,
];

/** One call of the fake runner: the test settles it when it likes. */
type Run = {
  projections: string[];
  onProgress: (progress: RebuildProgress) => void;
  signal: AbortSignal;
  succeed(result?: Partial<RebuildResult>): void;
  fail(error: unknown): void;
};

const resultOf = (change: Partial<RebuildResult> = {}): RebuildResult => ({
  collections: [{ projection: 'incident-summary', collection: 'incident_summary_v1_r2', previous: 'incident_summary_v1' }],
  position: 42n,
  eventsRead: 42,
  seconds: 0.1234567,
  eventsPerSecond: 340,
  timings: { readSeconds: 0, loadSeconds: 0, applySeconds: 0, commitSeconds: 0 },
  ...change,
});

/** Lets the job registry see a settled run (its continuation runs on the next turns). */
const settled = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RebuildJobs', () => {
  let runs: Run[];
  let store: InMemoryReadStore;
  let clock: SystemClock;
  let records: RebuildJobRecords;
  let jobs: RebuildJobs;

  // The failures below are expected: keep them out of the test output.
  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    runs = [];
    const runner: RebuildRunner = (projections, { onProgress, signal }) =>
      new Promise<RebuildResult>((resolve, reject) => {
        runs.push({
          projections: projections.map((p) => p.name),
          onProgress,
          signal,
          succeed: (change) => resolve(resultOf(change)),
          fail: reject,
        });
      });
    store = new InMemoryReadStore();
    clock = new SystemClock();
    records = new RebuildJobRecords(store, clock);
    jobs = new RebuildJobs(runner, records, clock);
  });

  /** Another API process over the same read store, with a runner that never finishes. */
  const otherReplica = (): RebuildJobs => {
    const other = new RebuildJobs(() => new Promise<RebuildResult>(() => {}), new RebuildJobRecords(store, clock), clock);
    Object.assign(other, { replica: 'other-host:7' });
    return other;
  };

  it('starts a running job, who started it and when, with no progress yet', async () => {
    const job = await jobs.start([summary], 'principal-admin');
    expect(job).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      projections: ['incident-summary'],
      state: 'running',
      startedBy: 'principal-admin',
      replica: jobs.replica,
      startedAt: expect.any(String),
      progress: { phase: 'loading', ratio: 0, eventsRead: 0, position: '0', headPosition: '0', eventsPerSecond: 0, elapsedMs: 0 },
    });
    expect(new Date(job.startedAt).toISOString()).toBe(job.startedAt);
    expect(runs.map((run) => run.projections)).toEqual([['incident-summary']]);
    expect(await jobs.get(job.id)).toBe(job);
  });

  it('reports progress with positions as decimal strings, without changing a job handed out before', async () => {
    const job = await jobs.start([summary], 'principal-admin');
    runs[0]!.onProgress({
      phase: 'catching-up',
      eventsRead: 1500,
      position: 9_007_199_254_740_993n,
      headPosition: 9_007_199_254_740_993n,
      ratio: 1,
      eventsPerSecond: 3000,
      elapsedMs: 500.4,
    });
    expect((await jobs.get(job.id))!.progress).toEqual({
      phase: 'catching-up',
      ratio: 1,
      eventsRead: 1500,
      position: '9007199254740993',
      headPosition: '9007199254740993',
      eventsPerSecond: 3000,
      elapsedMs: 500,
    });
    expect(job.progress.eventsRead).toBe(0);
  });

  it('records the result of a rebuild that switched', async () => {
    const { id } = await jobs.start([summary], 'principal-admin');
    runs[0]!.succeed();
    await settled();
    expect(await jobs.get(id)).toMatchObject({
      state: 'succeeded',
      finishedAt: expect.any(String),
      result: {
        collections: [{ projection: 'incident-summary', collection: 'incident_summary_v1_r2', previous: 'incident_summary_v1' }],
        position: '42',
        eventsRead: 42,
        seconds: 0.123,
        eventsPerSecond: 340,
      },
    });
    expect(await jobs.get(id)).not.toHaveProperty('error');
  });

  it('records a failure as one short line: a conflict with another process, a stack, a thrown string', async () => {
    const conflict = await jobs.start([summary], 'a');
    runs[0]!.fail(new RebuildConflictError('incident-summary', 'incident_summary_v1', 'incident_summary_v1_r9'));
    const crash = await jobs.start([timeline], 'a');
    const error = new Error('disk I/O error\n    at Statement.run (/srv/ledger/node_modules/better-sqlite3/x.js:1:1)');
    runs[1]!.fail(error);
    const odd = await jobs.start([intervals], 'a');
    runs[2]!.fail(`x${'y'.repeat(1000)}`);
    await settled();
    expect(await jobs.get(conflict.id)).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('the active collection changed from incident_summary_v1 to incident_summary_v1_r9'),
    });
    expect((await jobs.get(crash.id))!.error).toBe('disk I/O error');
    expect((await jobs.get(odd.id))!.error!.length).toBeLessThanOrEqual(300);
    expect(await jobs.get(odd.id)).not.toHaveProperty('result');
  });

  it('fails the job, rather than the request, when the runner throws at once', async () => {
    const throwing = new RebuildJobs(() => {
      throw new RangeError('Rebuild: no projection given');
    }, records, clock);
    const job = await throwing.start([summary], 'a');
    expect(job.state).toBe('running');
    await settled();
    expect(await throwing.get(job.id)).toMatchObject({ state: 'failed', error: 'Rebuild: no projection given' });
  });

  it('refuses a projection this process is rebuilding already (409 material), naming only that one', async () => {
    const first = await jobs.start([summary, timeline], 'a');
    let refusal: unknown;
    try {
      await jobs.start([intervals, timeline], 'b');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RebuildRefusedError);
    expect(refusal).toMatchObject({ reason: 'RebuildRunning', projections: ['incident-timeline'], jobId: first.id });
    expect((refusal as Error).message).toContain('incident-timeline is already being rebuilt');
    expect(runs).toHaveLength(1);
    expect((await jobs.list()).map((job) => job.id)).toEqual([first.id]);

    await jobs.start([intervals], 'b');
    runs[0]!.succeed();
    await settled();
    expect((await jobs.start([timeline], 'c')).state).toBe('running');
  });

  it('lists newest first and keeps only the last finished jobs, never forgetting a running one', async () => {
    const running = await jobs.start([summary], 'a');
    const finished: string[] = [];
    for (let i = 0; i < FINISHED_JOBS_KEPT + 5; i++) {
      finished.push((await jobs.start([timeline], 'a')).id);
      runs.at(-1)!.succeed();
      await settled();
    }
    const listed = (await jobs.list()).map((job) => job.id);
    expect(listed).toEqual([...finished.slice(-FINISHED_JOBS_KEPT).reverse(), running.id]);
    // Out of the list, still in the store.
    expect(await jobs.get(finished[0]!)).toMatchObject({ id: finished[0], state: 'succeeded' });
  });

  it('on shutdown aborts the running rebuilds, waits for them, and starts no more', async () => {
    const job = await jobs.start([summary], 'a');
    let stopped = false;
    const stopping = jobs.beforeApplicationShutdown().then(() => {
      stopped = true;
    });
    expect(runs[0]!.signal.aborted).toBe(true);
    await settled();
    expect(stopped).toBe(false);
    runs[0]!.fail(Object.assign(new Error('Rebuild aborted'), { name: 'RebuildAbortedError' }));
    await stopping;
    expect(await jobs.get(job.id)).toMatchObject({ state: 'failed', error: 'Rebuild aborted' });
    await expect(jobs.start([timeline], 'a')).rejects.toMatchObject({ reason: 'ShuttingDown' });
    expect(await records.get(job.id)).toMatchObject({ state: 'failed', error: 'Rebuild aborted' });
  });

  describe('across replicas (the read store holds every job)', () => {
    afterEach(() => jest.useRealTimers());

    it('shows a job to every replica: running, its progress at each heartbeat, then its result', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      const other = otherReplica();
      const job = await jobs.start([summary], 'principal-admin');
      expect(await other.get(job.id)).toEqual(job);
      expect((await other.list()).map(({ id }) => id)).toEqual([job.id]);

      runs[0]!.onProgress({ phase: 'loading', eventsRead: 700, position: 700n, headPosition: 1000n, ratio: 0.7, eventsPerSecond: 70, elapsedMs: 10 });
      expect((await other.get(job.id))!.progress.eventsRead).toBe(0);
      jest.advanceTimersByTime(REBUILD_JOB_HEARTBEAT_MS);
      await settled();
      expect(await other.get(job.id)).toMatchObject({ state: 'running', replica: jobs.replica, progress: { eventsRead: 700, position: '700' } });

      runs[0]!.succeed();
      await settled();
      expect(await other.get(job.id)).toMatchObject({ state: 'succeeded', result: { position: '42' } });
    });

    it('refuses a projection another replica is rebuilding (409 material), and starts it once that job is done', async () => {
      const other = otherReplica();
      const theirs = await other.start([timeline], 'b');

      await expect(jobs.start([summary, timeline], 'a')).rejects.toMatchObject({
        reason: 'RebuildRunning',
        projections: ['incident-timeline'],
        jobId: theirs.id,
      });
      expect(runs).toHaveLength(0);
      expect((await jobs.start([summary], 'a')).state).toBe('running');

      await records.save({ ...theirs, state: 'succeeded', finishedAt: new Date().toISOString() });
      expect((await jobs.start([timeline], 'a')).state).toBe('running');
    });

    it('shows a running job whose replica stopped recording it as failed, naming the replica, no longer refuses its projections, and records it so', async () => {
      const other = otherReplica();
      const theirs = await other.start([timeline], 'b');
      jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + REBUILD_JOB_STALE_MS + 1_000));

      const seen = await jobs.get(theirs.id);
      expect(seen).toMatchObject({ state: 'failed', finishedAt: expect.any(String) });
      expect(seen!.error).toContain('other-host:7 stopped recording it');
      await jobs.start([timeline], 'a');
      expect(runs).toHaveLength(1);

      // Once a job of ours finishes, the abandoned one is recorded as failed.
      runs[0]!.succeed();
      await settled();
      expect(await store.get(REBUILD_JOBS_COLLECTION, theirs.id)).toMatchObject({ state: 'failed', error: seen!.error });
    });

    it('on shutdown waits for the last record of a job that has just finished', async () => {
      const job = await jobs.start([summary], 'a');
      let release: () => void = () => undefined;
      const slow = new Promise<void>((resolve) => (release = resolve));
      const commit = store.commit.bind(store);
      store.commit = async (writes, checkpoint) => {
        await slow;
        return commit(writes, checkpoint);
      };
      runs[0]!.succeed();
      await settled();
      expect((await jobs.get(job.id))!.state).toBe('succeeded');

      let stopped = false;
      const stopping = jobs.beforeApplicationShutdown().then(() => (stopped = true));
      await settled();
      expect(stopped).toBe(false);
      release();
      await stopping;
      expect(await store.get(REBUILD_JOBS_COLLECTION, job.id)).toMatchObject({ state: 'succeeded' });
    });

    it('records a slow store the latest state, not a backlog of heartbeats', async () => {
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      const job = await jobs.start([summary], 'a');
      let release: () => void = () => undefined;
      const slow = new Promise<void>((resolve) => (release = resolve));
      const commit = store.commit.bind(store);
      const commits: unknown[] = [];
      store.commit = async (writes, checkpoint) => {
        commits.push(writes);
        await slow;
        return commit(writes, checkpoint);
      };
      for (let eventsRead = 1; eventsRead <= 5; eventsRead++) {
        runs[0]!.onProgress({ phase: 'loading', eventsRead, position: BigInt(eventsRead), headPosition: 5n, ratio: eventsRead / 5, eventsPerSecond: 1, elapsedMs: 1 });
        jest.advanceTimersByTime(REBUILD_JOB_HEARTBEAT_MS);
        await settled();
      }
      release();
      await settled();
      // The first heartbeat's record, then one for the four others, with the last state.
      expect(commits).toHaveLength(2);
      expect(await store.get(REBUILD_JOBS_COLLECTION, job.id)).toMatchObject({ progress: { eventsRead: 5 } });
    });

    it(`keeps the last ${FINISHED_JOBS_STORED} finished jobs in the store, and every running one, which other replicas still see however many finished since`, async () => {
      // One job a second (jobs started in the same millisecond have no order), with the heartbeats.
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
      const running = await jobs.start([summary], 'a');
      const finished: string[] = [];
      for (let i = 0; i < FINISHED_JOBS_STORED + 3; i++) {
        jest.advanceTimersByTime(1_000);
        finished.push((await jobs.start([timeline], 'a')).id);
        runs.at(-1)!.succeed();
        await settled();
      }
      const stored = await store.find(REBUILD_JOBS_COLLECTION, { limit: 1_000 });
      const ids = new Set(stored.items.map(({ id }) => id));
      expect(ids.size).toBe(FINISHED_JOBS_STORED + 1);
      expect(ids.has(running.id)).toBe(true);
      expect(finished.slice(0, 3).some((id) => ids.has(id))).toBe(false);

      const other = otherReplica();
      await expect(other.start([summary], 'b')).rejects.toMatchObject({ reason: 'RebuildRunning', jobId: running.id });
      const listed = await other.list();
      expect(listed[listed.length - 1]).toMatchObject({ id: running.id, state: 'running' });
      expect(listed).toHaveLength(FINISHED_JOBS_KEPT + 1);
    });

    it('runs a rebuild it could not record, and tells the log', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn');
      store.commit = () => Promise.reject(new Error('read store unavailable'));
      const job = await jobs.start([summary], 'a');
      runs[0]!.succeed();
      await settled();
      expect(await jobs.get(job.id)).toMatchObject({ state: 'succeeded' });
      // Twice refused (at the start and at the end), told once.
      expect(warn.mock.calls.filter(([message]) => String(message).includes(`could not record rebuild ${job.id}`))).toEqual([
        [`could not record rebuild ${job.id}: read store unavailable`],
      ]);
      warn.mockRestore();
    });
  });
});
