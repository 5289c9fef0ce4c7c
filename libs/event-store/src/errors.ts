import type { ExpectedRevision } from './event-store';

/** The stream was not at the expected revision; nothing was appended. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    /** The stream's actual last revision, or 'no_stream'. */
    readonly actual: ExpectedRevision,
  ) {
    super(
      `Stream ${stream}: expected revision ${String(expected)}, actual ${String(actual)}`,
    );
  }
}

/** The store cannot be reached right now; the caller may retry later (HTTP 503). */
export class EventStoreUnavailableError extends Error {
  override readonly name = 'EventStoreUnavailableError';
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
  }
}
