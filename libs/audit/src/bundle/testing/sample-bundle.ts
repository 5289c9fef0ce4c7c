import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { GENESIS_HASH, sealEvents } from '@ledger/ledger';
import { CHECKPOINT_EVENT_TYPE, CHECKPOINT_FORMAT, CHECKPOINT_STREAM } from '../../checkpoints/checkpoint-format';
import { signCheckpoint } from '../../checkpoints/checkpoint-signature';
import { computeLedgerRoot } from '../../checkpoints/head-map';
import type { LedgerSigner } from '../../signing/ed25519-signer';
import { TEST_CONTEXT } from '../../verification/testing/ledger-fixture';
import { BUNDLE_FORMAT, type BundleEvent } from '../bundle-format';

const json = (event: RecordedEvent): BundleEvent => ({
  stream: event.stream,
  revision: event.revision.toString(),
  position: event.position.toString(),
  eventId: event.eventId,
  type: event.type,
  data: event.data,
  metadata: event.metadata,
});

/**
 * A small, real bundle payload: two incidents' sealed events with positions, a signed checkpoint covering
 * them, and the heads, as the export assembles it.
 */
export const sampleBundlePayload = (signer: LedgerSigner, checkpointSigner: LedgerSigner = signer) => {
  let position = 0n;
  const place = (events: RecordedEvent[]): RecordedEvent[] => events.map((event) => ({ ...event, position: ++position }));
  const incident = (id: string, texts: string[]): RecordedEvent[] =>
    place(
      sealEvents(
        `incident-${id}`,
        { revision: undefined, hash: GENESIS_HASH },
        texts.map((text) => ({ type: 'NoteAdded', data: { incidentId: id, text, author: 'alice' }, schemaVersion: 1 })),
        { ...TEST_CONTEXT, recordedAt: '2026-11-23T10:00:01.000Z' },
      ),
    );
  const a = incident('3f2504e0-4f89-41d3-9a0c-0305e82c3301', ['Isolated WS-042', 'Pulled memory image, 4 GB']);
  const b = incident('9b2e7c1a-0d1f-4c55-8a8e-2d1f3c4b5a6d', ['Phishing mail — “invoice.pdf”', 'Blocked sender 😀']);
  const heads = [a, b].map((events) => {
    const last = events[events.length - 1]!;
    return { stream: last.stream, revision: last.revision.toString(), hash: String(last.metadata.hash) };
  });
  const data = signCheckpoint(
    {
      format: CHECKPOINT_FORMAT,
      sequence: 1,
      position: position.toString(),
      eventCount: Number(position),
      streamCount: 2,
      heads,
      root: computeLedgerRoot(heads),
      previousHash: GENESIS_HASH,
      signedAt: '2026-11-23T10:00:05.000Z',
      algorithm: 'Ed25519',
      keyFingerprint: checkpointSigner.fingerprint,
      publicKey: checkpointSigner.publicKeyPem,
    },
    checkpointSigner,
  );
  const [checkpoint] = place(
    sealEvents(CHECKPOINT_STREAM, { revision: undefined, hash: GENESIS_HASH }, [{ type: CHECKPOINT_EVENT_TYPE, data: data as unknown as JsonObject, schemaVersion: 1 }], {
      ...TEST_CONTEXT,
      recordedAt: '2026-11-23T10:00:05.000Z',
    }),
  );
  return {
    format: BUNDLE_FORMAT,
    exportedAt: '2026-11-23T10:01:00.000Z',
    exportedBy: { id: 'principal-admin', name: 'admin' },
    scope: { from: '2026-11-23T00:00:00.000Z', to: '2026-11-24T00:00:00.000Z' },
    streams: [a, b].map((events) => ({ stream: events[0]!.stream, events: events.map(json) })),
    summary: { incidents: 2, events: 4 },
    checkpoint: json(checkpoint!),
    heads,
  };
};
