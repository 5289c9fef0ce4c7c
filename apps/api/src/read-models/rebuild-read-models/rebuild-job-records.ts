import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { Filter, ReadDocument, ReadStore } from '@ledger/read-store';
import { SystemClock } from '../../infrastructure/system-clock';
import { READ_STORE } from '../read-model-tokens';
import type { RebuildJob } from './rebuild-job';

/**
 * The collection of the read store that holds the API's rebuild jobs. Not a read model (nothing
 * rebuilds it, and `ledger prune` leaves it alone): it is how every replica sees every job.
 */
export const REBUILD_JOBS_COLLECTION = 'rebuild_jobs';

/** How often the replica running a job records it again, with its latest progress. */
export const REBUILD_JOB_HEARTBEAT_MS = 2_000;
/** A running job not recorded for this long is shown as failed: its replica stopped. */
export const REBUILD_JOB_STALE_MS = 30_000;
/** Finished jobs kept in the store (GET lists fewer). */
export const FINISHED_JOBS_STORED = 100;
/** More than can ever run at once (one per projection and replica). */
const MOST_RUNNING = 1_000;

type StoredJob = RebuildJob & { heartbeatAt: string };

/**
 * The rebuild jobs of every replica, in the read store. Each replica records its own jobs (at start,
 * every heartbeat, at the end); any replica reads them. A job still `running` whose replica has not
 * recorded it for REBUILD_JOB_STALE_MS (killed, cut off from the store, or its event loop held
 * that long) reads as failed, and forgetOld records it so; should its replica record it again, its
 * own record wins.
 */
@Injectable()
export class RebuildJobRecords implements OnModuleInit {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly clock: SystemClock,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.store.ensureCollection(REBUILD_JOBS_COLLECTION, [
      { name: 'started', keys: [{ field: 'startedAt', direction: 'desc' }] },
    ]);
  }

  async save(job: RebuildJob): Promise<void> {
    await this.write({ ...job, heartbeatAt: this.clock.now().toISOString() });
  }

  async get(id: string): Promise<RebuildJob | undefined> {
    const stored = await this.store.get<StoredJob & ReadDocument>(REBUILD_JOBS_COLLECTION, id);
    return stored === undefined ? undefined : this.view(stored);
  }

  /** Jobs recorded as running, newest first; those whose replica stopped read as failed. */
  async running(): Promise<RebuildJob[]> {
    return this.newestFirst([{ field: 'state', op: 'eq', value: 'running' }], MOST_RUNNING);
  }

  /** The newest `limit` finished jobs, newest first. */
  async finished(limit: number): Promise<RebuildJob[]> {
    return this.newestFirst([{ field: 'state', op: 'in', values: ['succeeded', 'failed'] }], limit);
  }

  /**
   * Records abandoned jobs as failed (so they stop counting as running), and deletes the finished
   * jobs beyond the newest FINISHED_JOBS_STORED.
   */
  async forgetOld(): Promise<void> {
    for (const job of await this.running()) {
      if (job.state !== 'running') await this.write({ ...job, heartbeatAt: job.finishedAt! });
    }
    const old = (await this.finished(MOST_RUNNING)).slice(FINISHED_JOBS_STORED);
    if (old.length > 0) {
      await this.store.commit(old.map(({ id }) => ({ collection: REBUILD_JOBS_COLLECTION, type: 'delete' as const, id })));
    }
  }

  private async newestFirst(filter: Filter, limit: number): Promise<RebuildJob[]> {
    const page = await this.store.find<StoredJob & ReadDocument>(REBUILD_JOBS_COLLECTION, {
      filter,
      sort: [{ field: 'startedAt', direction: 'desc' }],
      limit,
    });
    return page.items.map((stored) => this.view(stored));
  }

  private async write(document: StoredJob): Promise<void> {
    await this.store.commit([{ collection: REBUILD_JOBS_COLLECTION, type: 'put', document: document as ReadDocument }]);
  }

  private view({ heartbeatAt, ...job }: StoredJob): RebuildJob {
    if (job.state !== 'running' || this.clock.now().getTime() - Date.parse(heartbeatAt) <= REBUILD_JOB_STALE_MS) return job;
    return {
      ...job,
      state: 'failed',
      finishedAt: heartbeatAt,
      error: `Abandoned: replica ${job.replica} stopped recording it (last at ${heartbeatAt})`,
    };
  }
}
