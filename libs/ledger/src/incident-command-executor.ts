import { decide, type IncidentCommand, type IncidentEvent } from '@ledger/domain';
import {
  type JsonObject,
  type RecordedEvent,
  WrongExpectedRevisionError,
} from '@ledger/event-store';
import type { LedgerEvent } from './envelope';
import {
  CommandRefusedError,
  ConcurrencyExhaustedError,
  IdempotencyKeyReusedError,
  RevisionMismatchError,
} from './errors';
import { extendHistory, type IncidentHistory } from './incident-history';
import { IncidentRepository } from './incident-repository';
import { conflictBackoff } from './backoff';
import { KeyedSerializer } from './keyed-serializer';
import { sealEvents } from './sealing';

/** Where a command comes from and how it may be applied. */
export type CommandContext = Readonly<{
  /** Stable across retries of the same request (derived from an Idempotency-Key when there is one). */
  commandId: string;
  correlationId: string;
  causationId: string;
  /** A digest of the request, to tell a true retry from a reused key. */
  fingerprint: string;
  /** The client's If-Match: the revision it based the command on. Without it, conflicts are retried. */
  expectedRevision?: bigint;
}>;

export type CommandResult = Readonly<{
  incidentId: string;
  /** Revision of the last event the command appended. */
  revision: bigint;
  /** Global position of that event. */
  position: bigint;
  events: readonly LedgerEvent[];
  /** True when this was a retry and the first result was returned without appending. */
  replayed: boolean;
}>;

export type IncidentCommandExecutorOptions = Readonly<{
  /** How many times to decide again after losing a race to another process. */
  maxAttempts?: number;
  clock?: () => Date;
}>;

/**
 * Runs incident commands: load the history, decide, seal the events into the hash chain and append
 * with the expected revision. Idempotent per command id; commands on one incident are serialized in
 * this process, and conflicts with other processes are decided again against the fresh state.
 */
export class IncidentCommandExecutor {
  private readonly serializer = new KeyedSerializer();
  private readonly maxAttempts: number;
  private readonly clock: () => Date;

  constructor(
    private readonly repository: IncidentRepository,
    options: IncidentCommandExecutorOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 10;
    this.clock = options.clock ?? (() => new Date());
  }

  execute(command: IncidentCommand, context: CommandContext): Promise<CommandResult> {
    return this.serializer.run(command.data.incidentId, () => this.attempt(command, context));
  }

  private async attempt(command: IncidentCommand, context: CommandContext): Promise<CommandResult> {
    const incidentId = command.data.incidentId;
    for (let attempt = 1; ; attempt++) {
      const history = await this.repository.load(incidentId);

      const earlier = IncidentRepository.eventsOfCommand(history, context.commandId);
      if (earlier.length > 0) return this.replay(incidentId, earlier, context);

      if (context.expectedRevision !== undefined && context.expectedRevision !== history.revision) {
        throw new RevisionMismatchError(incidentId, context.expectedRevision, history.revision);
      }

      const decision = decide(command, history.state);
      if (!decision.ok) throw new CommandRefusedError(decision.error);

      const sealed = this.seal(history, decision.events, command, context);
      try {
        const appended = await this.repository.store.append(
          history.stream,
          sealed.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
          history.revision ?? 'no_stream',
        );
        const events = await this.appendedEvents(history, sealed, appended.position);
        return {
          incidentId,
          revision: appended.nextExpectedRevision,
          position: appended.position,
          events,
          replayed: false,
        };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (context.expectedRevision !== undefined) {
          const actual = error.actual === 'no_stream' ? undefined : error.actual;
          throw new RevisionMismatchError(incidentId, context.expectedRevision, actual);
        }
        if (attempt >= this.maxAttempts) throw new ConcurrencyExhaustedError(incidentId, attempt);
        await conflictBackoff(attempt);
      }
    }
  }

  /**
   * The appended events as ledger events. A single event's position is the append's position; for a batch
   * the store's positions are read back (EventStoreDB positions are log offsets, not consecutive numbers).
   */
  private async appendedEvents(
    history: IncidentHistory,
    sealed: readonly RecordedEvent[],
    position: bigint,
  ): Promise<readonly LedgerEvent[]> {
    if (sealed.length === 1) {
      const event = this.repository.codec.decode({ ...sealed[0]!, position });
      this.repository.remember(history.stream, extendHistory(history, [event]));
      return [event];
    }
    const reloaded = await this.repository.load(history.incidentId);
    return reloaded.events.slice(reloaded.events.length - sealed.length);
  }

  private replay(incidentId: string, earlier: LedgerEvent[], context: CommandContext): CommandResult {
    const first = earlier[0]!;
    if (first.metadata.commandFingerprint !== context.fingerprint) {
      throw new IdempotencyKeyReusedError(context.commandId);
    }
    const last = earlier[earlier.length - 1]!;
    return { incidentId, revision: last.revision, position: last.position, events: earlier, replayed: true };
  }

  private seal(
    history: IncidentHistory,
    events: readonly IncidentEvent[],
    command: IncidentCommand,
    context: CommandContext,
  ): RecordedEvent[] {
    return sealEvents(
      history.stream,
      { revision: history.revision, hash: history.headHash },
      events.map((event) => ({
        type: event.type,
        data: event.data as unknown as JsonObject,
        schemaVersion: this.repository.codec.currentVersion(event.type),
      })),
      {
        actor: command.metadata.actor,
        commandId: context.commandId,
        commandFingerprint: context.fingerprint,
        correlationId: context.correlationId,
        causationId: context.causationId,
        occurredAt: command.metadata.occurredAt ?? command.metadata.now,
        recordedAt: this.clock().toISOString(),
      },
    );
  }
}
