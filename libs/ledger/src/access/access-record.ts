import type { Actor } from '@ledger/domain';

/** The event type of an access record in the ledger's access streams. */
export const ACCESS_RECORDED = 'AccessRecorded';
export const ACCESS_RECORD_SCHEMA_VERSION = 1;

/** Access records of ledger-wide reads (exports of many incidents) go here. */
export const LEDGER_ACCESS_STREAM = 'ledger-access';

/**
 * Where the access records of an incident live: `ledger-access-<incidentId>`, or `ledger-access` for
 * reads that belong to no single incident. The 'ledger-' prefix makes them the ledger's own streams:
 * read and subscribed to with the rest of the ledger, ignored by the incident projections.
 */
export const accessStream = (incidentId?: string | null): string =>
  incidentId === undefined || incidentId === null ? LEDGER_ACCESS_STREAM : `${LEDGER_ACCESS_STREAM}-${incidentId}`;

/** What was done with what was read. Open-ended; these are the ones the ledger itself records. */
export type AccessAction = 'evidence.view' | 'evidence.download' | 'incident.export' | 'ledger.export' | (string & {});

/** What was accessed, e.g. { kind: 'evidence', id: '<evidenceId>' } or { kind: 'incident', id: '<incidentId>' }. */
export type AccessSubject = Readonly<{ kind: string; id: string }>;

/** One access to record: who read what, how, and why. */
export type AccessRequest = Readonly<{
  /** The incident the data belongs to; absent (or null) for a ledger-wide read. */
  incidentId?: string | null;
  /** The authenticated principal, never a client-supplied name. */
  actor: Actor;
  action: AccessAction;
  subject: AccessSubject;
  /** Why, in the reader's words (e.g. a case or ticket reference). */
  reason?: string;
  /** For exports and downloads: the format handed out (json, csv, pdf…). */
  format?: string;
  /** The request's correlation id, so the record can be matched with logs and other events. */
  correlationId: string;
  /** What caused the read; defaults to the correlation id. */
  causationId?: string;
}>;

/** The data of an AccessRecorded event as stored (optional fields only when given). */
export type AccessRecordedData = Readonly<{
  incidentId?: string;
  action: string;
  subject: AccessSubject;
  reason?: string;
  format?: string;
}>;

/** An access record as read back, with its place in the stream and its envelope. */
export type AccessRecord = AccessRecordedData &
  Readonly<{
    eventId: string;
    stream: string;
    revision: bigint;
    position: bigint;
    actor: Actor;
    /** When the access happened. */
    occurredAt: string;
    /** When the ledger recorded it. */
    recordedAt: string;
    correlationId: string;
    causationId: string;
    prevHash: string;
    hash: string;
  }>;

/** Where a new access record landed. */
export type AccessRecordReceipt = Readonly<{
  stream: string;
  eventId: string;
  revision: bigint;
  position: bigint;
  hash: string;
}>;
