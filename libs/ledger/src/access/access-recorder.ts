import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { EventStore, JsonObject } from '@ledger/event-store';
import { ChainedStreamWriter } from '../chained-stream-writer';
import {
  ACCESS_RECORD_SCHEMA_VERSION,
  ACCESS_RECORDED,
  type AccessRecordedData,
  type AccessRecordReceipt,
  type AccessRequest,
  accessStream,
} from './access-record';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

const required = (value: unknown, field: string): string => {
  const found = text(value);
  // Callers are the ledger's own routes and exports: a missing field is a bug, not bad user input.
  if (found === undefined) throw new TypeError(`AccessRecorder.record: ${field} must be non-empty text`);
  return found;
};

/** The event data of a request, optional fields only when given so the stored JSON has no nulls. */
const dataOf = (request: AccessRequest): AccessRecordedData => {
  const incidentId = text(request.incidentId);
  const reason = text(request.reason);
  const format = text(request.format);
  return {
    ...(incidentId !== undefined && { incidentId }),
    action: required(request.action, 'action'),
    subject: { kind: required(request.subject?.kind, 'subject.kind'), id: required(request.subject?.id, 'subject.id') },
    ...(reason !== undefined && { reason }),
    ...(format !== undefined && { format }),
  };
};

export type AccessRecorderOptions = Readonly<{ clock?: () => Date }>;

/**
 * Records who read evidence or exported data, and why, as `AccessRecorded` events sealed into the
 * hash chain of the ledger's access streams (see accessStream). Append-only like everything else:
 * a record is never changed, and a gap or an edit shows up in chain verification.
 *
 * Record before handing the data out: if recording fails, the read must fail too, so no access goes
 * unrecorded.
 */
export class AccessRecorder {
  constructor(
    private readonly writer: ChainedStreamWriter,
    private readonly options: AccessRecorderOptions = {},
  ) {}

  /** A recorder with its own writer over `store`. */
  static over(store: EventStore, options: AccessRecorderOptions = {}): AccessRecorder {
    return new AccessRecorder(new ChainedStreamWriter(store, options), options);
  }

  /**
   * Appends one access record to `ledger-access-<incidentId>` (or `ledger-access` without an incident).
   * @throws TypeError when the request lacks an actor, action, subject or correlation id.
   */
  async record(request: AccessRequest): Promise<AccessRecordReceipt> {
    const actor = { id: required(request.actor?.id, 'actor.id'), name: required(request.actor?.name, 'actor.name') };
    const correlationId = required(request.correlationId, 'correlationId');
    const data = dataOf(request);
    const stream = accessStream(data.incidentId);
    // Each record is its own "command": accesses are facts, two identical reads are two records.
    const recordId = randomUUID();
    const result = await this.writer.append(
      stream,
      [{ type: ACCESS_RECORDED, data: data as unknown as JsonObject, schemaVersion: ACCESS_RECORD_SCHEMA_VERSION }],
      {
        actor,
        commandId: recordId,
        commandFingerprint: createHash('sha256').update(canonicalize(data) ?? '', 'utf8').digest('hex'),
        correlationId,
        causationId: text(request.causationId) ?? correlationId,
        occurredAt: (this.options.clock ?? (() => new Date()))().toISOString(),
      },
    );
    const sealed = result.events[0]!;
    return {
      stream,
      eventId: sealed.eventId,
      revision: result.revision,
      position: result.position,
      hash: String((sealed.metadata as JsonObject).hash),
    };
  }
}
