import { randomUUID } from 'node:crypto';
import {
  DELETED_STREAM_REVISION,
  compareTfPos,
  tfPos,
  type ExpectedState,
  type LogRecord,
  type ProposedEvent,
  type StreamReadOutcome,
  type TfPos,
  type WriteOutcome,
} from './log-types';

type StreamState = {
  /** Every event ever appended, indexed by revision (soft deletes do not renumber). Tombstones excluded. */
  events: LogRecord[];
  lastRevision: bigint;
  /** Events below this revision are hidden (EventStoreDB's $tb, set by a soft delete). */
  truncateBefore: bigint;
  softDeleted: boolean;
  tombstoned: boolean;
};

type Check = { ok: true } | { ok: false; current: bigint | 'no_stream' };

/** Where the first record goes: EventStoreDB's log starts with an epoch record, so no event is ever at 0. */
const FIRST_POSITION = 128n;
const RECORD_OVERHEAD = 82n;
const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * The in-memory transaction file: one ordered list of records with byte-like log positions,
 * plus per-stream state for expected-revision checks, soft deletes and tombstones.
 * It survives EsdbTestServer.restart() (it is the "disk").
 */
export class TransactionLog {
  private readonly all: LogRecord[] = [];
  private readonly streams = new Map<string, StreamState>();
  private readonly listeners = new Set<() => void>();
  private end = FIRST_POSITION;

  constructor(private readonly maxAppendSize: number) {}

  /** All records in log order. */
  get records(): readonly LogRecord[] {
    return this.all;
  }

  /** Position just after the last record (where the next one will go). */
  get endPosition(): bigint {
    return this.end;
  }

  /** A position a read may start from: 0, a record's start or the end of the log. */
  isValidPosition(position: TfPos): boolean {
    const commit = position.commit;
    if (commit === 0n || commit === this.end) return true;
    const index = this.firstIndexAtOrAfter(tfPos(commit));
    return index < this.all.length && this.all[index].position === commit;
  }

  /** Index of the first record whose position is >= the given one (forward reads are inclusive). */
  firstIndexAtOrAfter(position: TfPos): number {
    let low = 0;
    let high = this.all.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compareTfPos(tfPos(this.all[middle].position), position) < 0) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Index of the last record that ends at or before the given position (backward reads exclude it), or -1. */
  lastIndexEndingAtOrBefore(position: TfPos): number {
    let index = this.firstIndexAtOrAfter(position);
    while (index > 0 && compareTfPos(tfPos(this.all[index - 1].position + this.all[index - 1].size), position) > 0) {
      index -= 1;
    }
    return index - 1;
  }

  /** Calls back after every write; returns the unsubscribe function. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(stream: string, expected: ExpectedState, proposed: readonly ProposedEvent[]): WriteOutcome {
    const size = proposed.reduce((sum, event) => sum + event.data.length + event.metadata.length, 0);
    if (size > this.maxAppendSize) return { kind: 'maximum-append-size-exceeded', maxAppendSize: this.maxAppendSize };
    const state = this.streams.get(stream);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const idempotent = this.idempotentOutcome(state, expected, proposed);
    if (idempotent) return idempotent;
    const check = this.check(state, expected);
    if (!check.ok) return { kind: 'wrong-expected-version', expected, current: check.current };
    if (proposed.length === 0) {
      return { kind: 'success', currentRevision: state && state.lastRevision >= 0n ? state.lastRevision : 'no_stream' };
    }
    const target = state ?? this.createStream(stream);
    target.softDeleted = false;
    let last: LogRecord | undefined;
    for (const event of proposed) {
      target.lastRevision += 1n;
      last = this.write(stream, target.lastRevision, event);
      target.events.push(last);
    }
    this.notify();
    return { kind: 'success', currentRevision: target.lastRevision, position: tfPos(last!.position) };
  }

  /** Soft delete: hides the stream's events (they stay in $all) by writing $tb to its metastream. */
  softDelete(stream: string, expected: ExpectedState): WriteOutcome {
    const state = this.streams.get(stream);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const check = this.check(state, expected);
    if (!check.ok) return { kind: 'wrong-expected-version', expected, current: check.current };
    const target = state ?? this.createStream(stream);
    target.truncateBefore = target.lastRevision + 1n;
    target.softDeleted = true;
    const metastream = `$$${stream}`;
    const meta = this.streams.get(metastream) ?? this.createStream(metastream);
    meta.lastRevision += 1n;
    const record = this.write(metastream, meta.lastRevision, {
      eventId: randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: Buffer.from(JSON.stringify({ $tb: Number(target.truncateBefore) })),
      metadata: new Uint8Array(),
    });
    meta.events.push(record);
    this.notify();
    return { kind: 'success', currentRevision: target.lastRevision, position: tfPos(record.position) };
  }

  /** Hard delete: a $streamDeleted tombstone; the stream can never be read or written again. */
  tombstone(stream: string, expected: ExpectedState): WriteOutcome {
    const state = this.streams.get(stream);
    if (state?.tombstoned) return { kind: 'stream-deleted' };
    const check = this.check(state, expected);
    if (!check.ok) return { kind: 'wrong-expected-version', expected, current: check.current };
    const target = state ?? this.createStream(stream);
    const record = this.write(stream, DELETED_STREAM_REVISION, {
      eventId: randomUUID(),
      type: '$streamDeleted',
      contentType: 'application/octet-stream',
      data: new Uint8Array(),
      metadata: new Uint8Array(),
    });
    target.tombstoned = true;
    this.notify();
    return { kind: 'success', currentRevision: target.lastRevision, position: tfPos(record.position) };
  }

  /** Visible events of a stream, or why there are none. */
  readStream(stream: string): StreamReadOutcome {
    const state = this.streams.get(stream);
    if (state?.tombstoned) return { kind: 'deleted' };
    if (!state || state.lastRevision < 0n || state.softDeleted) return { kind: 'not-found' };
    return { kind: 'ok', events: state.events.slice(Number(state.truncateBefore)) };
  }

  /** The stream's last event number (soft-deleted events count), or -1 when nothing was ever written. */
  lastRevision(stream: string): bigint {
    return this.streams.get(stream)?.lastRevision ?? -1n;
  }

  isTombstoned(stream: string): boolean {
    return this.streams.get(stream)?.tombstoned ?? false;
  }

  private check(state: StreamState | undefined, expected: ExpectedState): Check {
    const exists = state !== undefined && state.lastRevision >= 0n && !state.softDeleted;
    // A soft-deleted stream keeps its numbering: the last revision still satisfies an exact expectation.
    const current = state !== undefined && state.lastRevision >= 0n ? state.lastRevision : 'no_stream';
    const ok =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && !exists) ||
      (expected.kind === 'stream_exists' && exists) ||
      (expected.kind === 'revision' && current !== 'no_stream' && expected.revision === current);
    return ok ? { ok: true } : { ok: false, current };
  }

  /**
   * EventStoreDB answers a retried append (same event ids at the same place) with the original result
   * instead of writing twice; a retry that only partly matches is a wrong expected version.
   */
  private idempotentOutcome(
    state: StreamState | undefined,
    expected: ExpectedState,
    proposed: readonly ProposedEvent[],
  ): WriteOutcome | undefined {
    if (!state || state.lastRevision < 0n || proposed.length === 0) return undefined;
    let start: number;
    if (expected.kind === 'revision') start = Number(expected.revision) + 1;
    else if (expected.kind === 'no_stream') start = 0;
    else start = state.events.findIndex((event) => event.eventId === proposed[0].eventId);
    // A no_stream append to a soft-deleted stream recreates it; the hidden events are not a retry.
    if (expected.kind === 'no_stream' && state.softDeleted) return undefined;
    if (start < 0 || state.events[start]?.eventId !== proposed[0].eventId) return undefined;
    const all = proposed.every((event, offset) => state.events[start + offset]?.eventId === event.eventId);
    if (!all) return { kind: 'wrong-expected-version', expected, current: state.lastRevision };
    const last = state.events[start + proposed.length - 1];
    return { kind: 'success', currentRevision: last.revision, position: tfPos(last.position) };
  }

  private createStream(stream: string): StreamState {
    const state: StreamState = {
      events: [],
      lastRevision: -1n,
      truncateBefore: 0n,
      softDeleted: false,
      tombstoned: false,
    };
    this.streams.set(stream, state);
    return state;
  }

  private write(stream: string, revision: bigint, event: ProposedEvent): LogRecord {
    const size =
      RECORD_OVERHEAD +
      BigInt(utf8Length(stream) + utf8Length(event.type) + event.data.length + event.metadata.length);
    const record: LogRecord = {
      ...event,
      position: this.end,
      size,
      stream,
      revision,
      created: BigInt(Date.now()) * 10_000n,
    };
    this.all.push(record);
    this.end += size;
    return record;
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
