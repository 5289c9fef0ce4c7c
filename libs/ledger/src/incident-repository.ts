import { type EventStore, incidentStream } from '@ledger/event-store';
import type { LedgerEvent } from './envelope';
import { emptyHistory, extendHistory, type IncidentHistory } from './incident-history';
import { LedgerEventCodec } from './ledger-event-codec';

export type IncidentRepositoryOptions = Readonly<{
  /** How many incident histories to keep in memory; only events newer than a cached one are read. */
  cacheSize?: number;
}>;

/**
 * Loads incident histories from the event store. A small LRU cache keeps recent histories, so a command
 * reads only the events appended since (by any process) instead of the whole stream.
 */
export class IncidentRepository {
  private readonly cache = new Map<string, IncidentHistory>();
  private readonly cacheSize: number;

  constructor(
    readonly store: EventStore,
    readonly codec = new LedgerEventCodec(),
    options: IncidentRepositoryOptions = {},
  ) {
    this.cacheSize = options.cacheSize ?? 10_000;
  }

  /** The incident's full, current history (empty when it does not exist). */
  async load(incidentId: string): Promise<IncidentHistory> {
    const stream = incidentStream(incidentId);
    const cached = this.cache.get(stream) ?? emptyHistory(incidentId, stream);
    const fromRevision = cached.revision === undefined ? 0n : cached.revision + 1n;
    const recorded = await this.store.readStream(stream, { fromRevision });
    const history = extendHistory(cached, recorded.map((event) => this.codec.decode(event)));
    if (history.revision !== undefined) this.remember(stream, history);
    return history;
  }

  /** The history as the ledger knew it at `asOf`: only events recorded at or before that instant. */
  async loadAsOf(incidentId: string, asOf: Date): Promise<IncidentHistory> {
    const full = await this.load(incidentId);
    const known = full.events.filter((event) => Date.parse(event.metadata.recordedAt) <= asOf.getTime());
    return extendHistory(emptyHistory(incidentId, full.stream), known);
  }

  /** Records events this process just appended, so the next load need not read them back. */
  remember(stream: string, history: IncidentHistory): void {
    this.cache.delete(stream);
    this.cache.set(stream, history);
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /** Decoded events appended by one command, if any (for idempotent retries). */
  static eventsOfCommand(history: IncidentHistory, commandId: string): LedgerEvent[] {
    return history.events.filter((event) => event.metadata.commandId === commandId);
  }
}
