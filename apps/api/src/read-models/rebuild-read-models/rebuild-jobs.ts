import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
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
import { SystemClock } from '../../infrastructure/system-clock';
import { REBUILD_JOB_HEARTBEAT_MS, RebuildJobRecords } from './rebuild-job-records';
import { RebuildRefusedError } from './rebuild-refused.error';

/** Finished jobs GET lists (running ones are always listed). */
export const FINISHED_JOBS_KEPT = 20;
/** A job's last record is tried this many times, this far apart: other replicas rely on it. */
const LAST_RECORD_ATTEMPTS = 3;
const LAST_RECORD_RETRY_MS = 500;

const EXPECTED_FAILURES: ReadonlySet<unknown> = new Set(['RebuildConflictError', 'RebuildAbortedError']);

type Entry = {
  job: RebuildJob;
  readonly abort: AbortController;
  done?: Promise<void>;
  /** Records are written one after the other: the last one queued. */
  saving: Promise<void>;
  /** A record is queued and not started: it will write the job as it is then. */
  queued?: boolean;
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
    private readonly clock: SystemClock,
  ) {}

  /**
   * Starts a rebuild in the background and returns its job, still running, once it is recorded.
   * @throws RebuildRefusedError when one of the projections is being rebuilt already (by any replica), or the API is stopping.
   */
  async start(projections: readonly Projection<ProjectionDocument>[], startedBy: string): Promise<RebuildJob> {
    const names = projections.map((projection) => projection.name);
    this.refuseBusy(names, this.localJobs());
    this.refuseBusy(names, await this.records.running());
    // Again: another request of this process may have started one while the store answered.
    this.refuseBusy(names, this.localJobs());
    const job: RebuildJob = {
      id: randomUUID(),
      projections: names,
      state: 'running',
      startedBy,
      replica: this.replica,
      startedAt: this.clock.now().toISOString(),
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
    const stored = [...(await this.records.running()), ...(await this.records.finished(FINISHED_JOBS_KEPT))];
    const others = stored.filter((job) => !ownIds.has(job.id));
    const newestFirst = [...local, ...others].sort((a, b) => (a.startedAt === b.startedAt ? 0 : a.startedAt < b.startedAt ? 1 : -1));
    let finished = 0;
    return newestFirst.filter((job) => job.state === 'running' || finished++ < FINISHED_JOBS_KEPT);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const entries = [...this.entries.values()];
    for (const { job, abort } of entries) if (job.state === 'running') abort.abort();
    // Finished ones too: their last record may still be on its way to the store.
    await Promise.all(entries.map(({ done }) => done));
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

  /**
   * Records the job as it is when the record starts: after the one being written, if any, and at
   * most one queued (a slow store gets the latest state, not a backlog of heartbeats). Never rejects.
   */
  private save(entry: Entry): Promise<void> {
    if (entry.queued) return entry.saving;
    entry.queued = true;
    entry.saving = entry.saving.then(async () => {
      entry.queued = false;
      const { job } = entry;
      try {
        await this.records.save(job);
        entry.unrecorded = false;
      } catch (error) {
        // The rebuild goes on: only other replicas miss its latest state. Once per outage, not every heartbeat.
        if (!entry.unrecorded) this.logger.warn(`could not record rebuild ${job.id}: ${failureMessage(error)}`);
        entry.unrecorded = true;
      }
    });
    return entry.saving;
  }

  /** The finished job's record, tried again if refused: until it lands, other replicas see it running. */
  private async saveLast(entry: Entry): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.save(entry);
      if (!entry.unrecorded || attempt === LAST_RECORD_ATTEMPTS) return;
      await delay(LAST_RECORD_RETRY_MS, undefined, { ref: false });
    }
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
      update({ state: 'succeeded', result: resultView(result), finishedAt: this.clock.now().toISOString() });
      this.logger.log(`rebuild ${entry.job.id} switched to ${result.collections.map((c) => c.collection).join(', ')}`);
    } catch (error) {
      update({ state: 'failed', error: failureMessage(error), finishedAt: this.clock.now().toISOString() });
      const message = `rebuild ${entry.job.id} failed: ${entry.job.error}`;
      // Another process switching first, or a shutdown, is expected; anything else needs its stack.
      if (EXPECTED_FAILURES.has((error as { name?: unknown } | null)?.name)) this.logger.warn(message);
      else this.logger.error(message, (error as { stack?: unknown } | null)?.stack);
    }
    clearInterval(heartbeat);
    await this.saveLast(entry);
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
