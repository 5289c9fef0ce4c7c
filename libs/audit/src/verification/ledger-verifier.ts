import { type EventStore, EventStoreUnavailableError, type RecordedEvent } from '@ledger/event-store';
import { CheckpointCursor, type CursorItem } from './checkpoint-cursor';
import { LedgerPass } from './ledger-pass';
import type { LedgerVerification, LedgerVerificationOptions } from './verification-result';

/** Events per readAll page: enough to make per-page awaits negligible, few enough that a page dies young (larger pages measured slower: GC). */
export const DEFAULT_VERIFY_PAGE_SIZE = 1000;

/**
 * Verifies the whole ledger in one pass over $all, a page at a time, holding only each stream's head
 * (revision and hash), never the events:
 * - every event's hash recomputes, its prevHash names its predecessor, revisions run 0, 1, 2… per stream;
 * - global positions strictly increase, and every stream is a ledger stream;
 * - every checkpoint is well formed, in sequence, linked to its predecessor, signed by the key it names
 *   (and by a trusted key when the caller names some), and its signed heads and counts are what the
 *   ledger holds at the position it covers; the latest one's root matches all stream heads;
 * - the anchor (a checkpoint kept outside the ledger), when given, is in the ledger unchanged.
 * The ledger is verified as of the head position when the call started; later appends are left alone.
 */
export const verifyLedger = async (
  store: EventStore,
  options: LedgerVerificationOptions & Readonly<{ pageSize?: number }> = {},
): Promise<LedgerVerification> => {
  const pageSize = options.pageSize ?? DEFAULT_VERIFY_PAGE_SIZE;
  const headPosition = await store.headPosition();
  const pass = new LedgerPass(Math.max(1, options.maxBreaks ?? 1));
  const cursor = new CheckpointCursor(store, headPosition, { trustedKeyFingerprints: options.trustedKeyFingerprints });
  const anchor = new AnchorCheck(options.anchor);

  let pending = await cursor.take();
  let following = pending && (await cursor.take());
  // Evaluates every checkpoint covering positions before `position` (all of them when undefined).
  const crossTo = async (position: bigint | undefined): Promise<void> => {
    while (pending && (position === undefined || position > pending.covers) && !pass.done) {
      anchor.see(pending);
      pass.checkpoint(pending, following === undefined);
      pending = following;
      following = pending && (await cursor.take());
    }
  };

  let after: bigint | undefined;
  let size = pageSize;
  let reading = headPosition > 0n;
  let complete = true;
  while (reading && !pass.done) {
    const page = await readPage(store, after, size);
    if (page instanceof Error) {
      // Narrow down to the one event the store cannot decode, verifying everything before it.
      if (size > 1) {
        size = 1;
        continue;
      }
      pass.add({
        kind: 'unreadable-event',
        message: `The store cannot decode the event after position ${after ?? 0n}: ${page.message}`,
        position: after ?? 0n,
      });
      complete = false;
      break;
    }
    for (const event of page) {
      if (event.position > headPosition) {
        reading = false;
        break;
      }
      if (pending && event.position > pending.covers) await crossTo(event.position);
      pass.event(event);
      if (pass.done) break;
    }
    if (page.length < size) reading = false;
    if (page.length > 0) after = page[page.length - 1]!.position;
    options.onProgress?.({ events: pass.events, position: after ?? 0n, headPosition });
  }
  // What comes after an unreadable event is unknown: checking claims about it would only add noise.
  if (complete && !pass.done) await crossTo(undefined);
  if (complete && !pass.done) pass.finish();
  if (complete && !pass.done) anchor.finish(pass);

  const firstBreak = pass.breaks[0] ?? null;
  return {
    ok: firstBreak === null,
    headPosition,
    events: pass.events,
    streams: pass.heads.size,
    incidents: pass.incidents,
    checkpoints: pass.checkpoints,
    latestCheckpoint: pass.latest,
    eventsAfterLatestCheckpoint: pass.events - pass.eventsAtLatest,
    keyFingerprints: cursor.keyFingerprints,
    firstBreak,
    breaks: pass.breaks,
  };
};

/** A page of $all, or the decoding error that stopped it (an unavailable store still throws). */
const readPage = async (store: EventStore, after: bigint | undefined, maxCount: number): Promise<RecordedEvent[] | Error> => {
  try {
    return await store.readAll({ after, maxCount });
  } catch (error) {
    if (error instanceof EventStoreUnavailableError || !(error instanceof Error)) throw error;
    return error;
  }
};

/** Looks for the anchored checkpoint among the ones the pass meets. */
class AnchorCheck {
  private seen: string | undefined;

  constructor(private readonly anchor: LedgerVerificationOptions['anchor']) {}

  see(item: CursorItem): void {
    const sequence = 'sequence' in item.checked ? item.checked.sequence : undefined;
    if (this.anchor && sequence === this.anchor.sequence) this.seen = String(item.event.metadata.hash);
  }

  finish(pass: LedgerPass): void {
    if (!this.anchor || this.seen === this.anchor.hash) return;
    pass.add({
      kind: 'anchor-mismatch',
      message:
        this.seen === undefined
          ? `Checkpoint ${this.anchor.sequence}, held outside the ledger, is not in it (the checkpoint stream was cut or rolled back)`
          : `Checkpoint ${this.anchor.sequence} in the ledger differs from the one held outside it`,
      expected: this.anchor.hash,
      found: this.seen ?? '(absent)',
    });
  }
}
