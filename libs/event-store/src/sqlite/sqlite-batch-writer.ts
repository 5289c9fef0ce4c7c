import type Database from 'better-sqlite3';
import type { AppendResult, ExpectedRevision } from '../event-store';
import { WrongExpectedRevisionError } from '../errors';
import { DuplicateEventIdError } from './duplicate-event-id-error';
import type { BatchOutcome } from './group-commit-queue';
import { isConstraintError } from './sqlite-errors';
import type { SerializedEvent, SqliteStatements } from './sqlite-statements';

/** One append waiting in the group-commit queue. */
export type PendingAppend = Readonly<{
  stream: string;
  events: readonly SerializedEvent[];
  expectedRevision: ExpectedRevision;
}>;

/** Counters that make the group commit observable (tests, bench, diagnostics). */
export type GroupCommitStats = Readonly<{
  /** Write transactions committed. */
  transactions: number;
  /** Appends committed. */
  appends: number;
  /** Events committed. */
  events: number;
  /** Appends rejected inside a committed batch (conflicts, duplicate ids). */
  rejected: number;
}>;

/**
 * Writes a batch of appends in ONE immediate transaction.
 * Each append is checked against the stream as it stands inside the transaction, so earlier appends
 * of the same batch count. Each append's inserts run in a savepoint: if one fails on a constraint,
 * only that append is rolled back and rejected; its neighbours still commit.
 */
export class SqliteBatchWriter {
  private counters = { transactions: 0, appends: 0, events: 0, rejected: 0 };
  private readonly writeAll;
  private readonly insertAll;

  constructor(
    db: Database.Database,
    private readonly statements: SqliteStatements,
  ) {
    this.insertAll = db.transaction((append: PendingAppend, first: bigint, recordedAt: string) => {
      let position = 0n;
      append.events.forEach((event, i) => {
        position = this.statements.insertEvent(append.stream, first + BigInt(i), event, recordedAt);
      });
      return position;
    });
    this.writeAll = db.transaction((appends: readonly PendingAppend[]) => {
      const recordedAt = new Date().toISOString();
      return appends.map((append) => this.writeOne(append, recordedAt));
    });
  }

  get stats(): GroupCommitStats {
    return { ...this.counters };
  }

  /** Throws only when the transaction as a whole failed (nothing written). */
  write = (appends: readonly PendingAppend[]): BatchOutcome<AppendResult>[] => {
    // IMMEDIATE takes the write lock up front: the revision checks below then see the latest
    // data and no other process can slip in between check and insert.
    const outcomes = this.writeAll.immediate(appends);
    this.counters.transactions++;
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.ok) {
        this.counters.appends++;
        this.counters.events += appends[i].events.length;
      } else {
        this.counters.rejected++;
      }
    }
    return outcomes;
  };

  private writeOne(append: PendingAppend, recordedAt: string): BatchOutcome<AppendResult> {
    const { stream, events, expectedRevision } = append;
    const actual = this.statements.streamRevision(stream) ?? 'no_stream';
    if (actual !== expectedRevision) {
      return { ok: false, error: new WrongExpectedRevisionError(stream, expectedRevision, actual) };
    }
    const first = actual === 'no_stream' ? 0n : actual + 1n;
    try {
      // Nested transaction = savepoint: a failure rolls back this append only.
      const position = this.insertAll(append, first, recordedAt);
      return {
        ok: true,
        value: { nextExpectedRevision: first + BigInt(events.length) - 1n, position },
      };
    } catch (error) {
      if (!isConstraintError(error)) throw error; // I/O, full disk...: the whole batch fails.
      return { ok: false, error: this.constraintError(append, error) };
    }
  }

  private constraintError(append: PendingAppend, error: unknown): unknown {
    // Read structurally: SQLite's errors may come from another JS realm (jest's vm) than Error here.
    const message = typeof error === 'object' && error !== null ? String(Reflect.get(error, 'message')) : '';
    if (message.includes('events.event_id')) {
      return new DuplicateEventIdError(
        append.stream,
        append.events.map((event) => event.eventId),
      );
    }
    if (message.includes('events.stream, events.revision')) {
      // Cannot happen while we hold the write lock, but never leak it raw: report what is there now.
      const actual = this.statements.streamRevision(append.stream) ?? 'no_stream';
      return new WrongExpectedRevisionError(append.stream, append.expectedRevision, actual);
    }
    return error;
  }
}
