import { type EventStore, type JsonObject, type RecordedEvent, WrongExpectedRevisionError } from '@ledger/event-store';
import { GENESIS_HASH } from './envelope';
import { conflictBackoff } from './backoff';
import { ConcurrencyExhaustedError } from './errors';
import { KeyedSerializer } from './keyed-serializer';
import { type ChainHead, type SealContext, sealEvents, type UnsealedEvent } from './sealing';

export type ChainedAppendResult = Readonly<{ revision: bigint; position: bigint; events: readonly RecordedEvent[] }>;

/**
 * Appends sealed, hash-chained events to the ledger's own streams (access records, signed
 * checkpoints, principals): the same envelope and chain as incident events, with no decider.
 * Appends to one stream are serialized in this process; a conflict with another process re-reads the
 * head and seals again.
 */
export class ChainedStreamWriter {
  private readonly serializer = new KeyedSerializer();
  private readonly heads = new Map<string, ChainHead>();

  constructor(
    private readonly store: EventStore,
    private readonly options: Readonly<{ clock?: () => Date; maxAttempts?: number }> = {},
  ) {}

  /** The revision and hash of the stream's last event. */
  async head(stream: string): Promise<ChainHead> {
    const [last] = await this.store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    if (!last) return { revision: undefined, hash: GENESIS_HASH };
    return { revision: last.revision, hash: String((last.metadata as JsonObject).hash) };
  }

  append(
    stream: string,
    events: readonly UnsealedEvent[],
    context: Omit<SealContext, 'recordedAt'>,
  ): Promise<ChainedAppendResult> {
    return this.serializer.run(stream, async () => {
      const maxAttempts = this.options.maxAttempts ?? 10;
      for (let attempt = 1; ; attempt++) {
        const head = this.heads.get(stream) ?? (await this.head(stream));
        const recordedAt = (this.options.clock ?? (() => new Date()))().toISOString();
        const sealed = sealEvents(stream, head, events, { ...context, recordedAt });
        try {
          const result = await this.store.append(
            stream,
            sealed.map(({ eventId, type, data, metadata }) => ({ eventId, type, data, metadata })),
            head.revision ?? 'no_stream',
          );
          const last = sealed[sealed.length - 1]!;
          this.heads.set(stream, { revision: result.nextExpectedRevision, hash: String(last.metadata.hash) });
          return { revision: result.nextExpectedRevision, position: result.position, events: sealed };
        } catch (error) {
          this.heads.delete(stream);
          if (!(error instanceof WrongExpectedRevisionError)) throw error;
          if (attempt >= maxAttempts) throw new ConcurrencyExhaustedError(stream, attempt);
          await conflictBackoff(attempt);
        }
      }
    });
  }
}
