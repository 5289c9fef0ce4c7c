import type { DomainError } from '@ledger/domain';

/** The domain refused the command (unknown incident, illegal transition or a broken rule). */
export class CommandRefusedError extends Error {
  override readonly name = 'CommandRefusedError';
  constructor(readonly error: DomainError) {
    super(error.message);
  }
}

/** The client's If-Match revision is not the incident's current revision. */
export class RevisionMismatchError extends Error {
  override readonly name = 'RevisionMismatchError';
  constructor(
    readonly incidentId: string,
    readonly expected: bigint,
    /** undefined when the incident does not exist. */
    readonly actual: bigint | undefined,
  ) {
    super(
      `Incident ${incidentId} is at revision ${actual === undefined ? 'none' : actual.toString()}, not ${expected.toString()}`,
    );
  }
}

/** An idempotency key was reused for a different request. */
export class IdempotencyKeyReusedError extends Error {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly commandId: string) {
    super('This Idempotency-Key was already used for a different request');
  }
}

/** Other writers kept winning the race for this incident; the client may retry. */
export class ConcurrencyExhaustedError extends Error {
  override readonly name = 'ConcurrencyExhaustedError';
  /** `incidentId` is the incident (or, for the ledger's own streams, the stream) that kept changing. */
  constructor(readonly incidentId: string, readonly attempts: number) {
    super(`${incidentId} changed concurrently ${attempts} times in a row; retry the command`);
  }
}
