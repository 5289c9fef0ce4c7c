import { createHash } from 'node:crypto';
import type {
  Actor,
  CustodyTransferred,
  EvidenceDisposed,
  EvidenceRegistered,
  EvidenceReleased,
  IncidentAssigned,
  IncidentCategorized,
  IncidentClosed,
  IncidentContained,
  IncidentEradicated,
  IncidentEvent,
  IncidentLogged,
  IncidentPrioritized,
  IncidentRecovered,
  IncidentRejected,
  IncidentReopened,
  IncidentReviewed,
  NoteAdded,
  PriorityCode,
} from '@ledger/domain';
import type { EnvelopeMetadata, LedgerEvent } from '@ledger/ledger';

/** When and by whom, for one test event. */
export type EventOptions = Readonly<{
  /** Business time (metadata.occurredAt). Default: the previous event's plus `after`. */
  at?: string;
  /** Time since the previous event: '500ms', '30s', '15m', '4h', '3d'. Default '1m'. */
  after?: string;
  /** metadata.recordedAt. Default: the business time. */
  recordedAt?: string;
  actor?: Actor;
}>;

type Options<E extends IncidentEvent> = Partial<Omit<E['data'], 'incidentId'>> & EventOptions;

export const ANALYST: Actor = { id: 'u-ana', name: 'Ana Lyst' };
export const GENESIS = '0'.repeat(64);

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** '15m' -> 900000. */
export const durationMs = (text: string): number => {
  const match = /^(\d+)(ms|s|m|h|d)$/.exec(text);
  if (match === null) throw new Error(`Bad test duration ${JSON.stringify(text)}`);
  return Number(match[1]) * UNIT_MS[match[2]];
};

// The usual matrix cell for each priority, so tests can just say 'P2'.
const CELL: Readonly<Record<PriorityCode, { impact: 1 | 2 | 3; urgency: 1 | 2 | 3 }>> = {
  P1: { impact: 1, urgency: 1 },
  P2: { impact: 1, urgency: 2 },
  P3: { impact: 2, urgency: 2 },
  P4: { impact: 2, urgency: 3 },
  P5: { impact: 3, urgency: 3 },
};

/** Hands out global positions, so several incidents' events interleave like in the real ledger. */
export class TestLedger {
  private lastPosition = 1_000n;

  nextPosition(): bigint {
    this.lastPosition += 100n;
    return this.lastPosition;
  }

  /** A builder for one incident's stream, whose first event happens at `startAt`. */
  incident(incidentId: string, startAt = '2026-11-02T09:00:00.000Z'): IncidentEvents {
    return new IncidentEvents(this, incidentId, startAt);
  }
}

/** A single-incident builder on its own ledger. */
export const anIncident = (incidentId = 'INC-1', startAt?: string): IncidentEvents =>
  new TestLedger().incident(incidentId, startAt);

/**
 * Builds one incident's ledger events in stream order: revisions 0, 1, 2..., increasing
 * positions, a chained (fake) hash, and readable defaults for every field.
 *
 *   const inc = anIncident('INC-7');
 *   const events = [inc.logged(), inc.categorized(), inc.prioritized({ priority: 'P1', after: '10m' })];
 */
export class IncidentEvents {
  private revision = 0n;
  private prevHash = GENESIS;
  private clock: string | null = null;

  constructor(
    private readonly ledger: TestLedger,
    readonly incidentId: string,
    private readonly startAt: string,
  ) {}

  /** Business time of the last event built. */
  get lastAt(): string {
    return this.clock ?? this.startAt;
  }

  logged(options: Options<IncidentLogged> = {}): LedgerEvent<IncidentLogged> {
    const { title = 'Suspicious login', description = 'Impossible travel for a VPN user' } = options;
    const { source = 'monitoring', reporter = 'soc-bot' } = options;
    const extra = { ...pick(options, 'occurredAt'), ...pick(options, 'detectedAt') };
    return this.event<IncidentLogged>('IncidentLogged', { title, description, source, reporter, ...extra }, options);
  }

  categorized(options: Options<IncidentCategorized> = {}): LedgerEvent<IncidentCategorized> {
    const { category = 'intrusion', subcategories = ['account-compromise'], taxonomyVersion = 'rsit-2025' } = options;
    return this.event<IncidentCategorized>('IncidentCategorized', { category, subcategories, taxonomyVersion }, options);
  }

  /** Impact and urgency default to the matrix cell of the priority. */
  prioritized(options: Options<IncidentPrioritized> = {}): LedgerEvent<IncidentPrioritized> {
    const priority = options.priority ?? 'P2';
    const { impact = CELL[priority].impact, urgency = CELL[priority].urgency, matrixVersion = 'itil-3x3-v1' } = options;
    return this.event<IncidentPrioritized>('IncidentPrioritized', { priority, impact, urgency, matrixVersion }, options);
  }

  assigned(options: Options<IncidentAssigned> = {}): LedgerEvent<IncidentAssigned> {
    const { assignee = 'alice' } = options;
    return this.event<IncidentAssigned>('IncidentAssigned', { assignee, ...pick(options, 'team') }, options);
  }

  contained(options: Options<IncidentContained> = {}): LedgerEvent<IncidentContained> {
    const { summary = 'Isolated the host' } = options;
    return this.event<IncidentContained>('IncidentContained', { summary }, options);
  }

  eradicated(options: Options<IncidentEradicated> = {}): LedgerEvent<IncidentEradicated> {
    const { summary = 'Removed the implant' } = options;
    return this.event<IncidentEradicated>('IncidentEradicated', { summary, ...pick(options, 'justification') }, options);
  }

  recovered(options: Options<IncidentRecovered> = {}): LedgerEvent<IncidentRecovered> {
    const { summary = 'Host restored from a clean image' } = options;
    return this.event<IncidentRecovered>('IncidentRecovered', { summary }, options);
  }

  closed(options: Options<IncidentClosed> = {}): LedgerEvent<IncidentClosed> {
    const { resolutionCode = 'true-positive-with-impact', summary = 'Resolved' } = options;
    return this.event<IncidentClosed>('IncidentClosed', { resolutionCode, summary }, options);
  }

  reviewed(options: Options<IncidentReviewed> = {}): LedgerEvent<IncidentReviewed> {
    const { rootCause = 'Reused password', lessonsLearned = 'Enforce MFA', actions = ['Roll out MFA'] } = options;
    return this.event<IncidentReviewed>('IncidentReviewed', { rootCause, lessonsLearned, actions }, options);
  }

  rejected(options: Options<IncidentRejected> = {}): LedgerEvent<IncidentRejected> {
    const { reason = 'Not a security incident' } = options;
    return this.event<IncidentRejected>('IncidentRejected', { reason }, options);
  }

  reopened(options: Options<IncidentReopened> = {}): LedgerEvent<IncidentReopened> {
    const { reason = 'Activity seen again' } = options;
    return this.event<IncidentReopened>('IncidentReopened', { reason }, options);
  }

  note(options: Options<NoteAdded> = {}): LedgerEvent<NoteAdded> {
    const { noteId = `note-${this.revision}`, text = 'Checked the proxy logs', author = 'alice' } = options;
    return this.event<NoteAdded>('NoteAdded', { noteId, text, author, ...pick(options, 'correctsNoteId') }, options);
  }

  /** The collector is the first custodian. */
  evidenceRegistered(options: Options<EvidenceRegistered> = {}): LedgerEvent<EvidenceRegistered> {
    const { evidenceId = 'ev-1', description = 'Disk image of WS-042', kind = 'disk-image' } = options;
    const { sha256 = 'ab12'.repeat(16), sizeBytes = 256_060_514_304, source = 'WS-042 internal SSD' } = options;
    const { collectedBy = 'alice', collectedAt = this.lastAt, storageLocation = 'Locker A-3' } = options;
    const { custodian = collectedBy } = options;
    const data = { evidenceId, description, kind, sha256, sizeBytes, source, collectedBy, collectedAt, storageLocation, custodian };
    return this.event<EvidenceRegistered>('EvidenceRegistered', data, options);
  }

  custodyTransferred(options: Options<CustodyTransferred> = {}): LedgerEvent<CustodyTransferred> {
    const { evidenceId = 'ev-1', from = 'alice', to = 'evidence-locker', purpose = 'Forensic imaging' } = options;
    return this.event<CustodyTransferred>('CustodyTransferred', { evidenceId, from, to, purpose }, options);
  }

  evidenceReleased(options: Options<EvidenceReleased> = {}): LedgerEvent<EvidenceReleased> {
    const { evidenceId = 'ev-1', holder = 'evidence-locker', releasedTo = 'police-cyber-unit' } = options;
    const { authority = 'Legal, case 2026-17', reason = 'Handed over for prosecution' } = options;
    return this.event<EvidenceReleased>('EvidenceReleased', { evidenceId, holder, releasedTo, authority, reason }, options);
  }

  evidenceDisposed(options: Options<EvidenceDisposed> = {}): LedgerEvent<EvidenceDisposed> {
    const { evidenceId = 'ev-1', holder = 'evidence-locker', method = 'Cryptographic erase' } = options;
    const { authority = 'DPO retention decision', reason = 'Retention period ended' } = options;
    return this.event<EvidenceDisposed>('EvidenceDisposed', { evidenceId, holder, method, authority, reason }, options);
  }

  /** Any event type, with explicit data. */
  event<E extends IncidentEvent>(
    type: E['type'],
    data: Omit<E['data'], 'incidentId'>,
    options: EventOptions = {},
  ): LedgerEvent<E> {
    const occurredAt = options.at ?? this.advance(options.after ?? '1m');
    this.clock = occurredAt;
    const revision = this.revision;
    const eventId = `${this.incidentId}-e${revision}`;
    const hash = createHash('sha256').update(`${this.prevHash}|${eventId}|${type}`).digest('hex');
    // Built untyped, then checked as a whole, so the helper keeps compiling as the envelope grows.
    const metadata = {
      schemaVersion: 1,
      actor: options.actor ?? ANALYST,
      commandId: `cmd-${eventId}`,
      commandFingerprint: `fp-${eventId}`,
      correlationId: `corr-${this.incidentId}`,
      causationId: `cmd-${eventId}`,
      occurredAt,
      recordedAt: options.recordedAt ?? occurredAt,
      prevHash: this.prevHash,
      hash,
    };
    const envelope: EnvelopeMetadata = metadata;
    this.revision += 1n;
    this.prevHash = hash;
    return {
      type,
      data: { incidentId: this.incidentId, ...data },
      stream: `incident-${this.incidentId}`,
      revision,
      position: this.ledger.nextPosition(),
      eventId,
      metadata: envelope,
    } as unknown as LedgerEvent<E>;
  }

  private advance(after: string): string {
    if (this.clock === null) return this.startAt;
    return new Date(Date.parse(this.clock) + durationMs(after)).toISOString();
  }
}

// Optional fields are copied only when given, like the real events (no `key: undefined`).
const pick = <T extends object, K extends keyof T>(source: T, key: K): Partial<Pick<T, K>> =>
  source[key] === undefined ? {} : ({ [key]: source[key] } as Partial<Pick<T, K>>);
