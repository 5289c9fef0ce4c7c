import type { Actor, EvidenceEvent, EvidenceKind, EvidenceStatus, IncidentEvent } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';

/** One link of an item's chain of custody, with the envelope facts that make it evidence. */
export type CustodyLinkJson = Readonly<{
  action: 'collected' | 'transferred' | 'released' | 'disposed';
  revision: string;
  position: string;
  /** When it happened (the envelope's occurredAt). */
  at: string;
  recordedAt: string;
  /** Holder before the link; null for the collection. */
  from: string | null;
  /** Holder after it, or who it was released to; null once disposed of. */
  to: string | null;
  /** Why: the transfer's purpose, or the release's or disposal's reason; null for the collection. */
  purpose: string | null;
  authority?: string;
  method?: string;
  /** Who recorded the link (the authenticated principal). */
  actor: Actor;
  hash: string;
}>;

/** An item as the custody listing shows it: what it is and who has had it. */
export type EvidenceCustodyJson = Readonly<{
  evidenceId: string;
  description: string;
  kind: EvidenceKind;
  sha256: string;
  sizeBytes: number;
  status: EvidenceStatus;
  /** Who holds it; once released or disposed of, who held it last. */
  currentHolder: string;
  chain: readonly CustodyLinkJson[];
}>;

/** Everything recorded about an item, including where it came from and where it is kept. */
export type EvidenceDetailsJson = EvidenceCustodyJson &
  Readonly<{
    source: string;
    collectedBy: string;
    collectedAt: string;
    storageLocation: string;
    registeredAt: string;
    release?: Readonly<{ releasedTo: string; authority: string; reason: string }>;
    disposal?: Readonly<{ method: string; authority: string; reason: string }>;
  }>;

const EVIDENCE_EVENT_TYPES: ReadonlySet<string> = new Set<EvidenceEvent['type']>([
  'EvidenceRegistered',
  'CustodyTransferred',
  'EvidenceReleased',
  'EvidenceDisposed',
]);

const isEvidenceEvent = (event: LedgerEvent<IncidentEvent>): event is LedgerEvent<EvidenceEvent> =>
  EVIDENCE_EVENT_TYPES.has(event.type);

const linkOf = (
  event: LedgerEvent,
  link: Pick<CustodyLinkJson, 'action' | 'from' | 'to' | 'purpose' | 'authority' | 'method'>,
): CustodyLinkJson => ({
  action: link.action,
  revision: event.revision.toString(),
  position: event.position.toString(),
  at: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  from: link.from,
  to: link.to,
  purpose: link.purpose,
  ...(link.authority !== undefined && { authority: link.authority }),
  ...(link.method !== undefined && { method: link.method }),
  actor: { id: event.metadata.actor.id, name: event.metadata.actor.name },
  hash: event.metadata.hash,
});

type Draft = { -readonly [K in keyof EvidenceDetailsJson]: EvidenceDetailsJson[K] } & { chain: CustodyLinkJson[] };

const apply = (items: Map<string, Draft>, event: LedgerEvent<EvidenceEvent>): void => {
  if (event.type === 'EvidenceRegistered') {
    const { data } = event;
    // The first registration stands, as in the domain's evolve.
    if (items.has(data.evidenceId)) return;
    items.set(data.evidenceId, {
      evidenceId: data.evidenceId,
      description: data.description,
      kind: data.kind,
      sha256: data.sha256,
      sizeBytes: data.sizeBytes,
      status: 'held',
      currentHolder: data.custodian,
      source: data.source,
      collectedBy: data.collectedBy,
      collectedAt: data.collectedAt,
      storageLocation: data.storageLocation,
      registeredAt: event.metadata.occurredAt,
      chain: [linkOf(event, { action: 'collected', from: null, to: data.custodian, purpose: null })],
    });
    return;
  }
  const item = items.get(event.data.evidenceId);
  if (item === undefined) return;
  switch (event.type) {
    case 'CustodyTransferred': {
      const { from, to, purpose } = event.data;
      item.chain.push(linkOf(event, { action: 'transferred', from, to, purpose }));
      item.currentHolder = to;
      return;
    }
    case 'EvidenceReleased': {
      const { holder, releasedTo, authority, reason } = event.data;
      item.chain.push(linkOf(event, { action: 'released', from: holder, to: releasedTo, purpose: reason, authority }));
      item.status = 'released';
      item.release = { releasedTo, authority, reason };
      return;
    }
    case 'EvidenceDisposed': {
      const { holder, method, authority, reason } = event.data;
      item.chain.push(linkOf(event, { action: 'disposed', from: holder, to: null, purpose: reason, authority, method }));
      item.status = 'disposed';
      item.disposal = { method, authority, reason };
      return;
    }
  }
};

/**
 * Every evidence item of an incident with its chain of custody, in registration order, built from
 * the events themselves (not a read model) so each link carries its actor, both times and its hash.
 */
export const evidenceOf = (events: readonly LedgerEvent[]): EvidenceDetailsJson[] => {
  const items = new Map<string, Draft>();
  for (const event of events) if (isEvidenceEvent(event)) apply(items, event);
  return [...items.values()];
};

/** The custody listing's view of an item: no source or storage location (those are in the recorded detail read). */
export const custodyView = (item: EvidenceDetailsJson): EvidenceCustodyJson => ({
  evidenceId: item.evidenceId,
  description: item.description,
  kind: item.kind,
  sha256: item.sha256,
  sizeBytes: item.sizeBytes,
  status: item.status,
  currentHolder: item.currentHolder,
  chain: item.chain,
});
