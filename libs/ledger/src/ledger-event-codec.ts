import type { RecordedEvent } from '@ledger/event-store';
import type { EnvelopeMetadata, LedgerEvent } from './envelope';
import { UpcasterRegistry } from './upcasting';

/** Maps the store's events to typed, upcast ledger events. */
export class LedgerEventCodec {
  constructor(private readonly upcasters = new UpcasterRegistry()) {}

  decode(recorded: RecordedEvent): LedgerEvent {
    const metadata = recorded.metadata as unknown as EnvelopeMetadata;
    const version = typeof metadata.schemaVersion === 'number' ? metadata.schemaVersion : 1;
    const data = this.upcasters.upcast(recorded.type, version, recorded.data);
    return {
      type: recorded.type,
      data,
      stream: recorded.stream,
      revision: recorded.revision,
      position: recorded.position,
      eventId: recorded.eventId,
      metadata: { ...metadata, schemaVersion: this.upcasters.currentVersion(recorded.type) },
    } as LedgerEvent;
  }

  currentVersion(type: string): number {
    return this.upcasters.currentVersion(type);
  }
}
