import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Projection, ProjectionDocument } from '@ledger/projections';
import {
  failureMessage,
  NO_PROGRESS,
  progressView,
  REBUILD_RUNNER,
  type RebuildJob,
  type RebuildRunner,
  resultView,
} from './rebuild-job';
import { REBUILD_JOB_HEARTBEAT_MS, RebuildJobRecords } from './rebuild-job-records';
import { RebuildRefusedError } from './rebuild-refused.error';

/** Finished jobs GET lists (running ones are always listed). */
export const FINISHED_JOBS_KEPT = 20;
/** Newest stored jobs looked at for running ones: far more than replicas times projections. */
const RECENT_JOBS = 100;

const EXPECTED_FAILURES: ReadonlySet<unknown> = new Set(['RebuildConflictError', 'RebuildAbortedError']);

type Entry = {
  job: RebuildJob;
  readonly abort: AbortController;
  done?: Promise<void>;
  /** The record being written (records are written one after the other). */
  saving: Promise<void>;
  /** The last record failed: the next failure is not logged again. */
  unrecorded?: boolean;
};

/**
 * The rebuilds of every replica: this process runs its own and keeps them in memory (the last
 * FINISHED_JOBS_KEPT finished ones too), and records them in the read store (RebuildJobRecords), where
 * every replica reads them. At most one rebuild at a time per projection, across replicas. On
 * shutdown it aborts the running ones (they drop their unswitched collections) and waits for them and
 * their last record, before the stores close.
 */
@Injectable()
export class RebuildJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Rebuild');
  /** In start order. */
  private readonly entries = new Map<string, Entry>();
  private closing = false;
  /** Names this process in the jobs it runs. */
  readonly replica = `${hostname()}:${process.pid}`;

  constructor(
    @Inject(REBUILD_RUNNER) private readonly run: RebuildRunner,
    private readonly records: RebuildJobRecords,
  ) {}

  /**
   * Starts a rebuild in the background and returns its job, still running, once it is recorded.
   * @throws RebuildRefusedError when one of the projections is being rebuilt already (by any replica), or the API is stopping.
   */
  async start(projections: readonly Projection<ProjectionDocument>[], startedBy: string): Promise<RebuildJob> {
    const names = projections.map((projection) => projection.name);
    this.refuseBusy(names, this.localJobs());
    this.refuseBusy(names, await this.records.list(RECENT_JOBS));
    // Again: another request of this process may have started one while the store answered.
    this.refuseBusy(names, this.localJobs());
    const job: RebuildJob = {
      id: randomUUID(),
      projections: names,
      state: 'running',
      startedBy,
      replica: this.replica,
      startedAt: new Date().toISOString(),
      progress: NO_PROGRESS,
    };
    const entry: Entry = { job, abort: new AbortController(), saving: Promise.resolve() };
    this.entries.set(job.id, entry);
    this.logger.log(`rebuild ${job.id} of ${names.join(', ')} started by ${startedBy}`);
    const recorded = this.save(entry);
    // Set at once: a shutdown from now on waits for it (follow and save never reject).
    entry.done = recorded.then(() => this.follow(entry, projections));
    await recorded;
    return job;
  }

  /** This process's job, else any replica's from the store. */
  async get(id: string): Promise<RebuildJob | undefined> {
    return this.entries.get(id)?.job ?? (await this.records.get(id));
  }

  /** Every replica's running jobs and the last FINISHED_JOBS_KEPT finished ones, newest first. */
  async list(): Promise<RebuildJob[]> {
    const local = this.localJobs().reverse();
    const ownIds = new Set(local.map((job) => job.id));
    // This process's own are fresher than their records; theirs keep their start order within a millisecond.
    const others = (await this.records.list(RECENT_JOBS)).filter((job) => !ownIds.has(job.id));
    const newestFirst = [...local, ...others].sort((a, b) => (a.startedAt === b.startedAt ? 0 : a.startedAt < b.startedAt ? 1 : -1));
    let finished = 0;
    return newestFirst.filter((job) => job.state === 'running' || finished++ < FINISHED_JOBS_KEPT);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const running = [...this.entries.values()].filter(({ job }) => job.state === 'running');
    for (const { abort } of running) abort.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  private localJobs(): RebuildJob[] {
    return [...this.entries.values()].map(({ job }) => job);
  }

  private refuseBusy(names: readonly string[], jobs: readonly RebuildJob[]): void {
    if (this.closing) throw RebuildRefusedError.shuttingDown(names);
    for (const job of jobs) {
      const busy = job.state === 'running' ? job.projections.filter((name) => names.includes(name)) : [];
      if (busy.length > 0) throw RebuildRefusedError.running(busy, job.id);
    }
  }

  /** Records the job as it is now, after any record still being written (so the last one wins). */
  private save(entry: Entry): Promise<void> {
    const job = entry.job;
    entry.saving = entry.saving.then(() =>
      this.records.save(job).then(
        () => {
          entry.unrecorded = false;
        },
        (error: unknown) => {
          // The rebuild goes on: only other replicas miss its latest state. Once per outage, not every heartbeat.
          if (!entry.unrecorded) this.logger.warn(`could not record rebuild ${job.id}: ${failureMessage(error)}`);
          entry.unrecorded = true;
        },
      ),
    );
    return entry.saving;
  }

  /** Runs the rebuild and records its progress and outcome; never rejects. */
  private async follow(entry: Entry, projections: readonly Projection<ProjectionDocument>[]): Promise<void> {
    // Each change replaces the job, so a job handed out earlier never changes under its reader.
    const update = (change: Partial<RebuildJob>): void => {
      entry.job = { ...entry.job, ...change };
    };
    const heartbeat = setInterval(() => void this.save(entry), REBUILD_JOB_HEARTBEAT_MS);
    heartbeat.unref();
    try {
      const result = await this.run(projections, {
        signal: entry.abort.signal,
        onProgress: (progress) => update({ progress: progressView(progress) }),
      });
      update({ state: 'succeeded', result: resultView(result), finishedAt: new Date().toISOString() });
      this.logger.log(`rebuild ${entry.job.id} switched to ${result.collections.map((c) => c.collection).join(', ')}`);
    } catch (error) {
      update({ state: 'failed', error: failureMessage(error), finishedAt: new Date().toISOString() });
      const message = `rebuild ${entry.job.id} failed: ${entry.job.error}`;
      // Another process switching first, or a shutdown, is expected; anything else needs its stack.
      if (EXPECTED_FAILURES.has((error as { name?: unknown } | null)?.name)) this.logger.warn(message);
      else this.logger.error(message, (error as { stack?: unknown } | null)?.stack);
    }
    clearInterval(heartbeat);
    await this.save(entry);
    await this.records.forgetOld().catch((error: unknown) => {
      this.logger.warn(`could not forget old rebuild jobs: ${failureMessage(error)}`);
    });
    this.forgetOldJobs();
  }

  private forgetOldJobs(): void {
    const finished = [...this.entries.values()].filter(({ job }) => job.state !== 'running');
    for (const { job } of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.entries.delete(job.id);
  }
}
