/** What a batch writer reports for one input: its result, or the error that rejected only that input. */
export type BatchOutcome<Out> =
  | Readonly<{ ok: true; value: Out }>
  | Readonly<{ ok: false; error: unknown }>;

/**
 * Writes a whole batch in one durable transaction and returns one outcome per input, in order.
 * Throwing means the transaction as a whole failed and nothing was written.
 */
export type BatchWriter<In, Out> = (inputs: readonly In[]) => BatchOutcome<Out>[];

type Entry<In, Out> = {
  input: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
};

/**
 * Group commit: requests queue up and are written together, so concurrent callers share one
 * transaction (and one fsync) instead of each waiting for its own.
 *
 * The first request after an idle period schedules a flush with setImmediate; everything that arrives
 * before it runs (the rest of this tick, microtasks, I/O callbacks of this loop turn) joins the batch.
 * Promises settle only after the writer has returned, i.e. after the commit.
 */
export class GroupCommitQueue<In, Out> {
  private pending: Entry<In, Out>[] = [];
  private scheduled: NodeJS.Immediate | undefined;

  constructor(
    private readonly writeBatch: BatchWriter<In, Out>,
    /** Upper bound on inputs per transaction, so one flush cannot stall the event loop for long. */
    private readonly maxBatch: number,
    /** Turns a whole-batch failure into the error each caller sees. */
    private readonly mapBatchError: (error: unknown) => unknown = (error) => error,
  ) {
    if (!Number.isInteger(maxBatch) || maxBatch < 1) {
      throw new RangeError('maxBatch must be a positive integer');
    }
  }

  /** Number of requests waiting for the next flush. */
  get size(): number {
    return this.pending.length;
  }

  enqueue(input: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ input, resolve, reject });
      this.schedule();
    });
  }

  /** Writes everything queued so far, synchronously, batch after batch (used on close). */
  drain(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = undefined;
    while (this.pending.length > 0) this.flushOnce();
  }

  private schedule(): void {
    if (this.scheduled || this.pending.length === 0) return;
    this.scheduled = setImmediate(() => {
      this.scheduled = undefined;
      this.flushOnce();
      // Leftovers beyond maxBatch go in the next turn, letting I/O in between.
      this.schedule();
    });
  }

  private flushOnce(): void {
    const batch = this.pending.splice(0, this.maxBatch);
    if (batch.length === 0) return;
    let outcomes: BatchOutcome<Out>[];
    try {
      outcomes = this.writeBatch(batch.map((entry) => entry.input));
    } catch (error) {
      const mapped = this.mapBatchError(error);
      for (const entry of batch) entry.reject(mapped);
      return;
    }
    batch.forEach((entry, i) => {
      const outcome = outcomes[i];
      if (outcome?.ok) entry.resolve(outcome.value);
      else entry.reject(outcome ? outcome.error : new Error('Batch writer returned no outcome'));
    });
  }
}
