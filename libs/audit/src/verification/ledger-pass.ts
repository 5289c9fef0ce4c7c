import { INCIDENT_STREAM_PREFIX, isLedgerStream, type RecordedEvent } from '@ledger/event-store';
import { isCheckpointProblem } from '../checkpoints/checkpoint-chain';
import { HeadMap } from '../checkpoints/head-map';
import { checkLink } from './chain-link';
import type { CursorItem } from './checkpoint-cursor';
import type { CheckpointRef, CheckpointSummary, VerificationBreak } from './verification-result';

export const incidentIdOf = (stream: string): string | undefined =>
  stream.startsWith(INCIDENT_STREAM_PREFIX) ? stream.slice(INCIDENT_STREAM_PREFIX.length) : undefined;

/** A break located in a stream, with the incident id filled in. */
export const streamBreak = (fields: VerificationBreak & { stream: string }): VerificationBreak => {
  const incidentId = incidentIdOf(fields.stream);
  return incidentId === undefined ? fields : { ...fields, incidentId };
};

/**
 * The state of one pass over $all: every stream's head, counts, and the breaks found. Events are checked
 * one by one, synchronously; checkpoints are evaluated when the pass crosses the position they cover, so
 * the heads compared are exactly the ones at that position.
 */
export class LedgerPass {
  readonly heads = new HeadMap();
  readonly breaks: VerificationBreak[] = [];
  events = 0;
  incidents = 0;
  checkpoints = 0;
  latest: CheckpointSummary | null = null;
  /** Events read up to and including the latest checkpoint's own event. */
  eventsAtLatest = 0;
  private lastPosition = -1n;
  /** Streams already broken: their later events are not checked again (one break per stream). */
  private readonly broken = new Set<string>();
  /** Streams that were behind a checkpoint's signed head when the pass crossed its position. */
  private readonly behind = new Map<string, { revision: bigint; hash: string; ref: CheckpointRef }>();

  constructor(private readonly maxBreaks: number) {}

  get done(): boolean {
    return this.breaks.length >= this.maxBreaks;
  }

  /** Checks one event against its stream's head and moves the head on. */
  event(event: RecordedEvent): void {
    const { stream, position } = event;
    if (position <= this.lastPosition) {
      this.add(streamBreak({
        kind: 'position-not-increasing',
        message: `Position ${position} comes after ${this.lastPosition} in the global order`,
        stream,
        revision: event.revision,
        position,
        expected: `> ${this.lastPosition}`,
        found: position.toString(),
      }));
    }
    this.lastPosition = position;
    this.events++;
    if (position === this.latest?.eventPosition) this.eventsAtLatest = this.events;
    if (!isLedgerStream(stream)) {
      this.add({ kind: 'foreign-stream', message: `Stream ${stream} is not a ledger stream`, stream, revision: event.revision, position });
      return;
    }
    if (this.broken.has(stream)) return;
    const head = this.heads.get(stream);
    const link = checkLink(head, event);
    if (!link.ok) {
      this.broken.add(stream);
      this.behind.delete(stream);
      // A gap is reported at the missing revision (as ChainBreak documents), found where its successor stands.
      const revision = link.break.kind === 'revision-gap' ? BigInt(link.break.expected) : event.revision;
      this.add(streamBreak({
        kind: link.break.kind,
        message: `${stream} revision ${revision} (at position ${position}): ${link.break.kind}`,
        stream,
        revision,
        position,
        expected: link.break.expected,
        found: link.break.found,
      }));
      return;
    }
    if (head === undefined && stream.startsWith(INCIDENT_STREAM_PREFIX)) this.incidents++;
    this.heads.set(stream, event.revision, link.hash);
    if (this.behind.size > 0) this.lateEvent(event);
  }

  /** An event a checkpoint signed as at or before its position, found after it: moved in the global order. */
  private lateEvent(event: RecordedEvent): void {
    const signed = this.behind.get(event.stream);
    if (signed === undefined || event.revision > signed.revision) return;
    this.behind.delete(event.stream);
    this.flag(event.stream, {
      kind: 'checkpoint-head-mismatch',
      message: `${event.stream} revision ${event.revision} is at position ${event.position}, after checkpoint ${signed.ref.sequence} (position ${signed.ref.position}) signed revision ${signed.revision}`,
      stream: event.stream,
      revision: event.revision,
      position: event.position,
      expected: `at or before position ${signed.ref.position}`,
      found: event.position.toString(),
      checkpoint: signed.ref,
    });
  }

  /**
   * Compares a checkpoint's signed claims with the heads as they stand (exactly at its covered position).
   * A stream that is behind is not reported yet: if its missing events turn up later the pass reports the
   * precise break then (a revision gap, or an event moved past the checkpoint); if they never do, finish()
   * reports the truncation.
   */
  checkpoint(item: CursorItem, isLatest: boolean): void {
    const { checked, event } = item;
    if (isCheckpointProblem(checked)) {
      this.add({
        kind: checked.kind,
        message: checked.message,
        stream: event.stream,
        revision: event.revision,
        position: event.position,
        expected: checked.expected,
        found: checked.found,
        ...(checked.sequence === undefined ? {} : { checkpoint: { sequence: checked.sequence, position: item.covers, eventPosition: event.position } }),
      });
      return;
    }
    const { data } = checked;
    const ref: CheckpointRef = { sequence: checked.sequence, position: checked.position, eventPosition: event.position };
    for (const signed of data.heads) {
      if (this.broken.has(signed.stream)) continue;
      const actual = this.heads.get(signed.stream);
      const revision = BigInt(signed.revision);
      if (actual === undefined || actual.revision < revision) {
        if (!this.behind.has(signed.stream)) this.behind.set(signed.stream, { revision, hash: signed.hash, ref });
      } else if (actual.revision !== revision || actual.hash !== signed.hash) {
        this.flag(signed.stream, {
          kind: 'checkpoint-head-mismatch',
          message: `${signed.stream} at checkpoint ${ref.sequence} (position ${ref.position}) is not the head that was signed`,
          stream: signed.stream,
          revision,
          expected: `${signed.revision} ${signed.hash}`,
          found: `${actual.revision} ${actual.hash}`,
          checkpoint: ref,
        });
        if (this.done) return;
      }
    }
    // Counts and root would only repeat a break already known; check them on an otherwise clean ledger.
    const clean = this.breaks.length === 0 && this.behind.size === 0;
    if (clean && (data.eventCount !== this.events || data.streamCount !== this.heads.size)) {
      this.add({
        kind: 'checkpoint-count-mismatch',
        message: `At checkpoint ${ref.sequence} (position ${ref.position}) the ledger has ${this.events} events in ${this.heads.size} streams; ${data.eventCount} in ${data.streamCount} were signed`,
        position: ref.position,
        expected: `${data.eventCount} events, ${data.streamCount} streams`,
        found: `${this.events} events, ${this.heads.size} streams`,
        checkpoint: ref,
      });
    } else if (clean && isLatest) {
      // The root hashes every head: once, for the latest checkpoint.
      const root = this.heads.root();
      if (root !== data.root) {
        this.add({ kind: 'checkpoint-root-mismatch', message: `The stream heads at checkpoint ${ref.sequence} do not hash to its signed root`, position: ref.position, expected: data.root, found: root, checkpoint: ref });
      }
    }
    this.checkpoints++;
    this.latest = {
      sequence: checked.sequence,
      position: checked.position,
      eventPosition: event.position,
      eventCount: data.eventCount,
      streamCount: data.streamCount,
      root: data.root,
      signedAt: data.signedAt,
      keyFingerprint: data.keyFingerprint,
    };
  }

  /** At the end of the pass: streams still shorter than a checkpoint signed were cut off (or dropped). */
  finish(): void {
    for (const [stream, signed] of this.behind) {
      const actual = this.heads.get(stream);
      const firstMissing = actual === undefined ? 0n : actual.revision + 1n;
      const at = `checkpoint ${signed.ref.sequence} (position ${signed.ref.position})`;
      this.add(streamBreak({
        kind: actual === undefined ? 'stream-missing' : 'stream-truncated',
        message:
          actual === undefined
            ? `${stream} is missing: ${at} signed it at revision ${signed.revision}`
            : `${stream} ends at revision ${actual.revision}; ${at} signed revision ${signed.revision}`,
        stream,
        revision: firstMissing,
        expected: `${signed.revision} ${signed.hash}`,
        found: actual === undefined ? '(no events)' : `${actual.revision} ${actual.hash}`,
        checkpoint: signed.ref,
      }));
    }
    this.behind.clear();
  }

  /** Records a break found outside the event flow (unreadable events, anchors). */
  add(found: VerificationBreak): void {
    if (!this.done) this.breaks.push(found);
  }

  private flag(stream: string, found: VerificationBreak & { stream: string }): void {
    this.broken.add(stream);
    this.behind.delete(stream);
    this.add(streamBreak(found));
  }
}
