import type { Actor } from '@ledger/domain';
import type { LedgerEvent } from '@ledger/ledger';

/** One link of an item's chain of custody, with the envelope facts that make it evidence. */
export type CustodyLink = Readonly<{
  action: 'collected' | 'transferred' | 'released' | 'disposed';
  /** Holder before the link (null for collection). */
  from: string | null;
  /** Holder after it: the custodian, or who it was released to; null once disposed. */
  to: string | null;
  /** purpose (transfer) or reason (release, disposal). */
  purpose: string | null;
  authority: string | null;
  /** disposal method, if disposed */
  method: string | null;
  actor: Actor;
  occurredAt: string;
  recordedAt: string;
  revision: string;
  hash: string;
}>;

/** An evidence item and every hand-over of it, oldest first. */
export type CustodyChain = Readonly<{
  incidentId: string;
  evidenceId: string;
  description: string;
  kind: string;
  sha256: string;
  sizeBytes: number;
  source: string;
  collectedBy: string;
  collectedAt: string;
  storageLocation: string;
  status: 'held' | 'released' | 'disposed';
  holder: string;
  links: readonly CustodyLink[];
}>;

type Data = Readonly<Record<string, unknown>>;
const str = (data: Data, key: string): string => String(data[key] ?? '');
const optional = (data: Data, key: string): string | null => (typeof data[key] === 'string' ? (data[key] as string) : null);

const linkOf = (event: LedgerEvent, fields: Omit<CustodyLink, 'actor' | 'occurredAt' | 'recordedAt' | 'revision' | 'hash'>): CustodyLink => ({
  ...fields,
  actor: { id: event.metadata.actor.id, name: event.metadata.actor.name },
  occurredAt: event.metadata.occurredAt,
  recordedAt: event.metadata.recordedAt,
  revision: event.revision.toString(),
  hash: event.metadata.hash,
});

/**
 * The chain of custody of every evidence item of one incident, from its evidence events, in stream
 * order. Built from the events rather than the folded state so each link carries who recorded it,
 * both times and its hash. Read loosely (no type narrowing): an export must render whatever was recorded.
 */
export const buildCustodyChains = (incidentId: string, events: readonly LedgerEvent[]): CustodyChain[] => {
  const chains = new Map<string, { chain: Omit<CustodyChain, 'links'>; links: CustodyLink[] }>();
  for (const event of events) {
    const data = event.data as Data;
    const evidenceId = str(data, 'evidenceId');
    if (event.type === 'EvidenceRegistered') {
      // The first registration stands, as in the domain's evolve.
      if (chains.has(evidenceId)) continue;
      const custodian = str(data, 'custodian');
      chains.set(evidenceId, {
        chain: {
          incidentId,
          evidenceId,
          description: str(data, 'description'),
          kind: str(data, 'kind'),
          sha256: str(data, 'sha256'),
          sizeBytes: Number(data.sizeBytes ?? 0),
          source: str(data, 'source'),
          collectedBy: str(data, 'collectedBy'),
          collectedAt: str(data, 'collectedAt'),
          storageLocation: str(data, 'storageLocation'),
          status: 'held',
          holder: custodian,
        },
        links: [linkOf(event, { action: 'collected', from: null, to: custodian, purpose: null, authority: null, method: null })],
      });
      continue;
    }
    const entry = chains.get(evidenceId);
    if (entry === undefined) continue;
    switch (event.type) {
      case 'CustodyTransferred': {
        const to = str(data, 'to');
        entry.links.push(
          linkOf(event, { action: 'transferred', from: str(data, 'from'), to, purpose: str(data, 'purpose'), authority: null, method: null }),
        );
        entry.chain = { ...entry.chain, holder: to };
        break;
      }
      case 'EvidenceReleased':
        entry.links.push(
          linkOf(event, {
            action: 'released',
            from: str(data, 'holder'),
            to: str(data, 'releasedTo'),
            purpose: optional(data, 'reason'),
            authority: optional(data, 'authority'),
            method: null,
          }),
        );
        entry.chain = { ...entry.chain, status: 'released' };
        break;
      case 'EvidenceDisposed':
        entry.links.push(
          linkOf(event, {
            action: 'disposed',
            from: str(data, 'holder'),
            to: null,
            purpose: optional(data, 'reason'),
            authority: optional(data, 'authority'),
            method: optional(data, 'method'),
          }),
        );
        entry.chain = { ...entry.chain, status: 'disposed' };
        break;
      default:
        break;
    }
  }
  return [...chains.values()].map(({ chain, links }) => ({ ...chain, links }));
};
