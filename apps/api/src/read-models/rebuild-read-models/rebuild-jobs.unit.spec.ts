import { Logger } from '@nestjs/common';
import { INCIDENT_PROJECTIONS, type Projection, type ProjectionDocument } from '@ledger/projections';
import { RebuildConflictError, type RebuildProgress, type RebuildResult } from '@ledger/projector';
import type { RebuildRunner } from './rebuild-job';
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
    jobs = new RebuildJobs(runner);
  });

  it('starts a running job, who started it and when, with no progress yet', () => {
    const job = jobs.start([summary], 'principal-admin');
    expect(job).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      projections: ['incident-summary'],
      state: 'running',
      startedBy: 'principal-admin',
      startedAt: expect.any(String),
      progress: { phase: 'loading', ratio: 0, eventsRead: 0, position: '0', headPosition: '0', eventsPerSecond: 0, elapsedMs: 0 },
    });
    expect(new Date(job.startedAt).toISOString()).toBe(job.startedAt);
    expect(runs.map((run) => run.projections)).toEqual([['incident-summary']]);
    expect(jobs.get(job.id)).toBe(job);
  });

  it('reports progress with positions as decimal strings, without changing a job handed out before', () => {
    const job = jobs.start([summary], 'principal-admin');
    runs[0]!.onProgress({
      phase: 'catching-up',
      eventsRead: 1500,
      position: 9_007_199_254_740_993n,
      headPosition: 9_007_199_254_740_993n,
      ratio: 1,
      eventsPerSecond: 3000,
      elapsedMs: 500.4,
    });
    expect(jobs.get(job.id)!.progress).toEqual({
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
    const { id } = jobs.start([summary], 'principal-admin');
    runs[0]!.succeed();
    await settled();
    expect(jobs.get(id)).toMatchObject({
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
    expect(jobs.get(id)).not.toHaveProperty('error');
  });

  it('records a failure as one short line: a conflict with another process, a stack, a thrown string', async () => {
    const conflict = jobs.start([summary], 'a');
    runs[0]!.fail(new RebuildConflictError('incident-summary', 'incident_summary_v1', 'incident_summary_v1_r9'));
    const crash = jobs.start([timeline], 'a');
    const error = new Error('disk I/O error\n    at Statement.run (/srv/ledger/node_modules/better-sqlite3/x.js:1:1)');
    runs[1]!.fail(error);
    const odd = jobs.start([intervals], 'a');
    runs[2]!.fail(`x${'y'.repeat(1000)}`);
    await settled();
    expect(jobs.get(conflict.id)).toMatchObject({
      state: 'failed',
      error: expect.stringContaining('the active collection changed from incident_summary_v1 to incident_summary_v1_r9'),
    });
    expect(jobs.get(crash.id)!.error).toBe('disk I/O error');
    expect(jobs.get(odd.id)!.error!.length).toBeLessThanOrEqual(300);
    expect(jobs.get(odd.id)).not.toHaveProperty('result');
  });

  it('fails the job, rather than the request, when the runner throws at once', async () => {
    const throwing = new RebuildJobs(() => {
      throw new RangeError('Rebuild: no projection given');
    });
    const job = throwing.start([summary], 'a');
    expect(job.state).toBe('running');
    await settled();
    expect(throwing.get(job.id)).toMatchObject({ state: 'failed', error: 'Rebuild: no projection given' });
  });

  it('refuses a projection this process is rebuilding already (409 material), naming only that one', async () => {
    const first = jobs.start([summary, timeline], 'a');
    let refusal: unknown;
    try {
      jobs.start([intervals, timeline], 'b');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(RebuildRefusedError);
    expect(refusal).toMatchObject({ reason: 'RebuildRunning', projections: ['incident-timeline'], jobId: first.id });
    expect((refusal as Error).message).toContain('incident-timeline is already being rebuilt');
    expect(runs).toHaveLength(1);
    expect(jobs.list().map((job) => job.id)).toEqual([first.id]);

    jobs.start([intervals], 'b');
    runs[0]!.succeed();
    await settled();
    expect(jobs.start([timeline], 'c').state).toBe('running');
  });

  it('lists newest first and keeps only the last finished jobs, never forgetting a running one', async () => {
    const running = jobs.start([summary], 'a');
    const finished: string[] = [];
    for (let i = 0; i < FINISHED_JOBS_KEPT + 5; i++) {
      finished.push(jobs.start([timeline], 'a').id);
      runs.at(-1)!.succeed();
      await settled();
    }
    const listed = jobs.list().map((job) => job.id);
    expect(listed).toEqual([...finished.slice(-FINISHED_JOBS_KEPT).reverse(), running.id]);
    expect(jobs.get(finished[0]!)).toBeUndefined();
  });

  it('on shutdown aborts the running rebuilds, waits for them, and starts no more', async () => {
    const job = jobs.start([summary], 'a');
    let stopped = false;
    const stopping = jobs.beforeApplicationShutdown().then(() => {
      stopped = true;
    });
    expect(runs[0]!.signal.aborted).toBe(true);
    await settled();
    expect(stopped).toBe(false);
    runs[0]!.fail(Object.assign(new Error('Rebuild aborted'), { name: 'RebuildAbortedError' }));
    await stopping;
    expect(jobs.get(job.id)).toMatchObject({ state: 'failed', error: 'Rebuild aborted' });
    expect(() => jobs.start([timeline], 'a')).toThrow(expect.objectContaining({ reason: 'ShuttingDown' }));
  });
});
