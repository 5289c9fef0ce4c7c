import { type BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
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
import { RebuildRefusedError } from './rebuild-refused.error';

/** Finished jobs kept for GET (running ones are always kept). */
export const FINISHED_JOBS_KEPT = 20;

const EXPECTED_FAILURES: ReadonlySet<unknown> = new Set(['RebuildConflictError', 'RebuildAbortedError']);

type Entry = { job: RebuildJob; readonly abort: AbortController; done?: Promise<void> };

/**
 * The rebuilds this process started, in memory: at most one at a time per projection, and the last
 * FINISHED_JOBS_KEPT finished ones. On shutdown it aborts the running ones (they drop their unswitched
 * collections) and waits for them, before the stores close.
 */
@Injectable()
export class RebuildJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger('Rebuild');
  /** In start order. */
  private readonly entries = new Map<string, Entry>();
  private closing = false;

  constructor(@Inject(REBUILD_RUNNER) private readonly run: RebuildRunner) {}

  /**
   * Starts a rebuild in the background and returns its job, still running.
   * @throws RebuildRefusedError when one of the projections is being rebuilt already, or the API is stopping.
   */
  start(projections: readonly Projection<ProjectionDocument>[], startedBy: string): RebuildJob {
    const names = projections.map((projection) => projection.name);
    if (this.closing) throw RebuildRefusedError.shuttingDown(names);
    for (const { job } of this.entries.values()) {
      const busy = job.state === 'running' ? job.projections.filter((name) => names.includes(name)) : [];
      if (busy.length > 0) throw RebuildRefusedError.running(busy, job.id);
    }
    const job: RebuildJob = {
      id: randomUUID(),
      projections: names,
      state: 'running',
      startedBy,
      startedAt: new Date().toISOString(),
      progress: NO_PROGRESS,
    };
    const entry: Entry = { job, abort: new AbortController() };
    this.entries.set(job.id, entry);
    this.logger.log(`rebuild ${job.id} of ${names.join(', ')} started by ${startedBy}`);
    entry.done = this.follow(entry, projections);
    return job;
  }

  get(id: string): RebuildJob | undefined {
    return this.entries.get(id)?.job;
  }

  /** Newest first. */
  list(): RebuildJob[] {
    return [...this.entries.values()].map(({ job }) => job).reverse();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    const running = [...this.entries.values()].filter(({ job }) => job.state === 'running');
    for (const { abort } of running) abort.abort();
    await Promise.all(running.map(({ done }) => done));
  }

  /** Runs the rebuild and records its progress and outcome; never rejects. */
  private async follow(entry: Entry, projections: readonly Projection<ProjectionDocument>[]): Promise<void> {
    // Each change replaces the job, so a job handed out earlier never changes under its reader.
    const update = (change: Partial<RebuildJob>): void => {
      entry.job = { ...entry.job, ...change };
    };
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
    this.forgetOldJobs();
  }

  private forgetOldJobs(): void {
    const finished = [...this.entries.values()].filter(({ job }) => job.state !== 'running');
    for (const { job } of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) this.entries.delete(job.id);
  }
}
