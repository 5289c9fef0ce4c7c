import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { Actor } from '@ledger/domain';
import { type EventStore, type JsonObject, type RecordedEvent, WrongExpectedRevisionError } from '@ledger/event-store';
import { conflictBackoff } from '../backoff';
import { ConcurrencyExhaustedError } from '../errors';
import { computeEventHash } from '../hash-chain';
import { sealEvents } from '../sealing';
import { type DecideContext, decidePrincipal } from './decide-principal';
import type { PrincipalCommand } from './principal-commands';
import {
  decodePrincipalEvent,
  PRINCIPAL_EVENT_SCHEMA_VERSION,
  PRINCIPALS_STREAM,
  type RecordedPrincipalEvent,
} from './principal-events';
import { PrincipalRegistry } from './principal-registry';

/** Who asked for a principal command, for the envelope of the events it records. */
export type PrincipalCommandContext = Readonly<{
  actor: Actor;
  correlationId: string;
  causationId?: string;
  commandId?: string;
}>;

export type PrincipalLedgerOptions = Readonly<{
  clock?: () => Date;
  /** Attempts when other processes keep appending to the stream first. */
  maxAttempts?: number;
  /** Events read per page when catching up. */
  pageSize?: number;
}>;

/** The principals stream does not chain: an event was edited, removed or inserted outside the ledger. */
export class PrincipalStreamTamperedError extends Error {
  override readonly name = 'PrincipalStreamTamperedError';
}

/**
 * The `ledger-principals` stream and the registry folded from it.
 *
 * Appends use the same sealing and hash chain as every other ledger stream (so ledger verification and
 * exports cover principals), but with the registry's revision as the expected revision instead of
 * ChainedStreamWriter's re-seal-on-conflict: a command is decided against the state it is appended to,
 * so two processes can never both register the same name.
 *
 * Everything that touches the registry runs one at a time; events are applied strictly in stream order,
 * each checked to chain to the one before.
 */
export class PrincipalLedger {
  readonly registry = new PrincipalRegistry();
  private queue: Promise<unknown> = Promise.resolve();
  private pendingCatchUp: Promise<number> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: PrincipalLedgerOptions = {},
  ) {}

  /**
   * Applies events appended since the last one applied, by this or any other process. Concurrent calls
   * share one read. Resolves to how many events were applied.
   * @throws PrincipalStreamTamperedError when the stream's chain does not hold.
   */
  catchUp(): Promise<number> {
    this.pendingCatchUp ??= this.exclusive(() => this.readTail()).finally(() => {
      this.pendingCatchUp = undefined;
    });
    return this.pendingCatchUp;
  }

  /**
   * Decides a command against the current registry and appends its events, retrying when another
   * process appended first. Resolves to the events recorded (none for a command that changes nothing).
   * @throws PrincipalCommandRefusedError when the decider refuses; nothing is written.
   */
  execute(
    command: PrincipalCommand,
    decideContext: DecideContext,
    context: PrincipalCommandContext,
  ): Promise<RecordedPrincipalEvent[]> {
    return this.exclusive(async () => {
      const maxAttempts = this.options.maxAttempts ?? 10;
      const commandId = context.commandId ?? randomUUID();
      const commandFingerprint = createHash('sha256').update(canonicalize(command) ?? '', 'utf8').digest('hex');
      for (let attempt = 1; ; attempt++) {
        await this.readTail();
        const events = decidePrincipal(this.registry, command, decideContext);
        if (events.length === 0) return [];
        const now = (this.options.clock ?? (() => new Date()))().toISOString();
        const head = { revision: this.registry.revision, hash: this.registry.headHash };
        const sealed = sealEvents(
          PRINCIPALS_STREAM,
          head,
          events.map((event) => ({
            type: event.type,
            data: event.data as unknown as JsonObject,
            schemaVersion: PRINCIPAL_EVENT_SCHEMA_VERSION,
          })),
          {
            actor: { id: context.actor.id, name: context.actor.name },
            commandId,
            commandFingerprint,
            correlationId: context.correlationId,
            causationId: context.causationId ?? context.correlationId,
            occurredAt: now,
            recordedAt: now,
          },
        );
        try {
          await this.store.append(
            PRINCIPALS_STREAM,
            sealed.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
            head.revision ?? 'no_stream',
          );
        } catch (error) {
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (attempt >= maxAttempts) throw new ConcurrencyExhaustedError(PRINCIPALS_STREAM, attempt);
          await conflictBackoff(attempt);
          continue;
        }
        // Applied at once, so this process sees its own change before the append is read back anywhere.
        return sealed.map((event) => this.applyChecked(event));
      }
    });
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readTail(): Promise<number> {
    const pageSize = this.options.pageSize ?? 500;
    let applied = 0;
    for (;;) {
      const fromRevision = this.registry.revision === undefined ? 0n : this.registry.revision + 1n;
      const page = await this.store.readStream(PRINCIPALS_STREAM, { fromRevision, maxCount: pageSize });
      for (const event of page) this.applyChecked(event);
      applied += page.length;
      if (page.length < pageSize) return applied;
    }
  }

  /** Applies the next event after checking that it chains to the registry's head. */
  private applyChecked(event: RecordedEvent): RecordedPrincipalEvent {
    const expected = this.registry.revision === undefined ? 0n : this.registry.revision + 1n;
    const metadata = event.metadata as JsonObject;
    const at = `${PRINCIPALS_STREAM}@${event.revision}`;
    if (event.revision !== expected) throw new PrincipalStreamTamperedError(`${at}: expected revision ${expected}`);
    if (metadata.prevHash !== this.registry.headHash) {
      throw new PrincipalStreamTamperedError(`${at}: does not chain to the previous event`);
    }
    if (metadata.hash !== computeEventHash(event)) throw new PrincipalStreamTamperedError(`${at}: hash mismatch`);
    const decoded = decodePrincipalEvent(event);
    this.registry.apply(decoded);
    return decoded;
  }
}
