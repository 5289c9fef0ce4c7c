import {
  assertCheckpointForward,
  assertCollectionName,
  assertFieldPath,
  type Checkpoint,
  type CountBucket,
  type FieldCondition,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Page,
  type ReadDocument,
  type ReadStore,
  type ReadWrite,
  type Scalar,
} from '@ledger/read-store';

/** Thrown by a commit the test chose to "crash"; the store is then down until recover(). */
export class InjectedCrash extends Error {
  override readonly name = 'InjectedCrash';
}

export type CrashPlan = Readonly<{
  /** Which commit crashes, counting from the next one (1 = the next commit). Default 1. */
  onCommit?: number;
  /** Only commits this predicate accepts are counted (e.g. one collection's). */
  where?: (writes: readonly ReadWrite[], checkpoint: Checkpoint | undefined) => boolean;
  /**
   * How many of the commit's writes reach the store before the crash (non-atomic stores only;
   * an atomic store applies all or nothing). Default: half of them. The checkpoint never moves.
   */
  afterWrites?: number | ((writeCount: number) => number);
}>;

type Collection = { indexes: Map<string, IndexSpec>; documents: Map<string, string> };

/**
 * A ReadStore in memory for tests, with the port's semantics: whole-document puts, one checkpoint
 * per name, blue-green pointers, keyset paging. Documents are stored as JSON text, so nothing a
 * caller keeps can alias stored state (the same isolation a real store gives).
 *
 * `atomicCommit: false` behaves like MongoDB without a replica set: writes in order, checkpoint last.
 * crashOn() makes a chosen commit fail part-way, like a process killed between writing documents and
 * storing the checkpoint; after that every call fails (the "process" is dead) until recover().
 * Several projectors may share one instance to play restarts on the same data.
 */
export class InMemoryReadStore implements ReadStore {
  readonly capabilities: Readonly<{ atomicCommit: boolean }>;
  private readonly collections = new Map<string, Collection>();
  private readonly checkpoints = new Map<string, bigint>();
  private readonly active = new Map<string, string>();
  private crash: (CrashPlan & { remaining: number }) | undefined;
  private down = false;
  /** Every commit that completed, for assertions. */
  commits = 0;

  constructor(options: { atomicCommit?: boolean } = {}) {
    this.capabilities = Object.freeze({ atomicCommit: options.atomicCommit ?? true });
  }

  /** Arms a crash (see CrashPlan). */
  crashOn(plan: CrashPlan = {}): void {
    this.crash = { ...plan, remaining: plan.onCommit ?? 1 };
  }

  get isDown(): boolean {
    return this.down;
  }

  /** "Restarts the process": the store answers again, with whatever reached it before the crash. */
  recover(): void {
    this.down = false;
    this.crash = undefined;
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    this.alive();
    assertCollectionName(collection);
    const existing = this.collections.get(collection) ?? { indexes: new Map(), documents: new Map() };
    for (const index of indexes) {
      for (const key of index.keys) assertFieldPath(key.field);
      existing.indexes.set(index.name, index);
    }
    this.collections.set(collection, existing);
  }

  async dropCollection(collection: string): Promise<void> {
    this.alive();
    this.collections.delete(collection);
  }

  async listCollections(): Promise<string[]> {
    this.alive();
    return [...this.collections.keys()].sort();
  }

  /** The indexes of a collection (for tests). */
  indexesOf(collection: string): IndexSpec[] {
    return [...(this.collections.get(collection)?.indexes.values() ?? [])];
  }

  async get<D extends ReadDocument>(collection: string, id: string): Promise<D | undefined> {
    this.alive();
    const text = this.collections.get(collection)?.documents.get(id);
    return text === undefined ? undefined : (JSON.parse(text) as D);
  }

  async getMany<D extends ReadDocument>(collection: string, ids: readonly string[]): Promise<Map<string, D>> {
    this.alive();
    const documents = this.collections.get(collection)?.documents;
    const found = new Map<string, D>();
    for (const id of ids) {
      const text = documents?.get(id);
      if (text !== undefined) found.set(id, JSON.parse(text) as D);
    }
    return found;
  }

  async commit(writes: readonly ReadWrite[], checkpoint?: Checkpoint): Promise<void> {
    this.alive();
    // Writing to a collection nobody ensured creates it, as MongoDB and the SQLite adapter do.
    for (const write of writes) {
      assertCollectionName(write.collection);
      if (!this.collections.has(write.collection)) this.collections.set(write.collection, { indexes: new Map(), documents: new Map() });
    }
    if (checkpoint !== undefined) assertCheckpointForward(checkpoint.name, this.checkpoints.get(checkpoint.name), checkpoint.position);
    const encoded = writes.map((write) => ({ write, text: write.type === 'put' ? JSON.stringify(write.document) : '' }));
    if (this.crashDue(writes, checkpoint)) {
      const plan = this.crash!;
      const reached = this.capabilities.atomicCommit
        ? 0
        : typeof plan.afterWrites === 'function'
          ? plan.afterWrites(writes.length)
          : (plan.afterWrites ?? Math.floor(writes.length / 2));
      for (const { write, text } of encoded.slice(0, reached)) this.apply(write, text);
      this.down = true;
      this.crash = undefined;
      throw new InjectedCrash(`crashed after ${reached} of ${writes.length} writes, before the checkpoint`);
    }
    for (const { write, text } of encoded) this.apply(write, text);
    if (checkpoint !== undefined) this.checkpoints.set(checkpoint.name, checkpoint.position);
    this.commits++;
  }

  async readCheckpoint(name: string): Promise<bigint | undefined> {
    this.alive();
    return this.checkpoints.get(name);
  }

  async deleteCheckpoint(name: string): Promise<void> {
    this.alive();
    this.checkpoints.delete(name);
  }

  async find<D extends ReadDocument>(collection: string, options: FindOptions): Promise<Page<D>> {
    this.alive();
    if (!Number.isInteger(options.limit) || options.limit < 1 || options.limit > 1000) {
      throw new RangeError('limit must be 1..1000');
    }
    const sort = [...(options.sort ?? []), { field: 'id', direction: 'asc' as const }];
    for (const key of sort) assertFieldPath(key.field);
    const matching = this.matching<D>(collection, options.filter ?? []).sort((a, b) => compareBy(sort, a, b));
    let start = 0;
    if (options.cursor !== undefined) {
      const after = JSON.parse(Buffer.from(options.cursor, 'base64url').toString('utf8')) as ReadDocument;
      start = matching.findIndex((doc) => compareBy(sort, doc, after) > 0);
      if (start < 0) start = matching.length;
    }
    const items = matching.slice(start, start + options.limit);
    const last = items[items.length - 1];
    const more = start + options.limit < matching.length;
    const nextCursor =
      more && last !== undefined
        ? Buffer.from(JSON.stringify(Object.fromEntries(sort.map((k) => [k.field, valueAt(last, k.field)]))))
            .toString('base64url')
        : null;
    return { items, nextCursor, ...(options.withTotal && { total: matching.length }) };
  }

  async count(collection: string, filter: Filter = []): Promise<number> {
    this.alive();
    return this.matching(collection, filter).length;
  }

  async countBy(collection: string, field: string, filter: Filter = []): Promise<CountBucket[]> {
    this.alive();
    assertFieldPath(field);
    const counts = new Map<Scalar, number>();
    for (const doc of this.matching(collection, filter)) {
      const value = (valueAt(doc, field) ?? null) as Scalar;
      counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    return [...counts].map(([value, count]) => ({ value, count }));
  }

  async getActiveCollection(readModel: string): Promise<string | undefined> {
    this.alive();
    return this.active.get(readModel);
  }

  async setActiveCollection(readModel: string, collection: string): Promise<void> {
    this.alive();
    assertCollectionName(collection);
    this.active.set(readModel, collection);
  }

  async close(): Promise<void> {}

  private apply(write: ReadWrite, text: string): void {
    const documents = this.collections.get(write.collection)!.documents;
    if (write.type === 'put') documents.set(write.document.id, text);
    else documents.delete(write.id);
  }

  private crashDue(writes: readonly ReadWrite[], checkpoint: Checkpoint | undefined): boolean {
    const plan = this.crash;
    if (plan === undefined || (plan.where && !plan.where(writes, checkpoint))) return false;
    plan.remaining--;
    return plan.remaining <= 0;
  }

  private matching<D extends ReadDocument>(collection: string, filter: Filter): D[] {
    const documents = this.collections.get(collection)?.documents;
    if (documents === undefined) return [];
    const out: D[] = [];
    for (const text of documents.values()) {
      const doc = JSON.parse(text) as D;
      if (filter.every((condition) => matches(doc, condition))) out.push(doc);
    }
    return out;
  }

  private alive(): void {
    if (this.down) throw new InjectedCrash('the store is down after an injected crash');
  }
}

const valueAt = (doc: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | null | undefined)?.[key], doc);

const compareValues = (a: unknown, b: unknown): number => {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return (a as number | string) < (b as number | string) ? -1 : 1;
};

const compareBy = (sort: readonly { field: string; direction: 'asc' | 'desc' }[], a: unknown, b: unknown): number => {
  for (const key of sort) {
    const order = compareValues(valueAt(a, key.field), valueAt(b, key.field));
    if (order !== 0) return key.direction === 'asc' ? order : -order;
  }
  return 0;
};

const matches = (doc: unknown, condition: FieldCondition): boolean => {
  assertFieldPath(condition.field);
  const value = valueAt(doc, condition.field) ?? null;
  switch (condition.op) {
    case 'eq':
      return value === condition.value;
    case 'ne':
      return value !== condition.value;
    case 'in':
      return condition.values.includes(value as Scalar);
    case 'gt':
      return value !== null && (value as string | number) > condition.value;
    case 'gte':
      return value !== null && (value as string | number) >= condition.value;
    case 'lt':
      return value !== null && (value as string | number) < condition.value;
    case 'lte':
      return value !== null && (value as string | number) <= condition.value;
    case 'contains':
      return typeof value === 'string' && value.toLowerCase().includes(condition.value.toLowerCase());
  }
};
