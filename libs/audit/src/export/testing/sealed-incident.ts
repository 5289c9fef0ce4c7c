import type { Actor } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';
import { GENESIS_HASH, sealEvents } from '@ledger/ledger';

export const ANALYST: Actor = { id: 'principal-ana', name: 'ana' };

type Step = Readonly<{ type: string; data: JsonObject; actor?: Actor }>;

/**
 * A real, hash-chained incident stream (as the store would hold it), one event per step, a minute apart,
 * recorded 5 seconds after it occurred. Positions are assigned from `firstPosition`.
 */
export const sealedStream = (
  incidentId: string,
  steps: readonly Step[],
  options: Readonly<{ start?: string; firstPosition?: bigint }> = {},
): RecordedEvent[] => {
  const stream = `incident-${incidentId}`;
  const start = Date.parse(options.start ?? '2026-03-01T08:00:00.000Z');
  let head: { revision: bigint | undefined; hash: string } = { revision: undefined, hash: GENESIS_HASH };
  let position = options.firstPosition ?? 1n;
  return steps.map((step, index) => {
    const occurredAt = new Date(start + index * 60_000).toISOString();
    const recordedAt = new Date(start + index * 60_000 + 5_000).toISOString();
    const [sealed] = sealEvents(stream, head, [{ type: step.type, data: { incidentId, ...step.data }, schemaVersion: 1 }], {
      actor: step.actor ?? ANALYST,
      commandId: `cmd-${index}`,
      commandFingerprint: `fp-${index}`,
      correlationId: `corr-${incidentId}`,
      causationId: `cmd-${index}`,
      occurredAt,
      recordedAt,
    });
    head = { revision: sealed!.revision, hash: String(sealed!.metadata.hash) };
    return { ...sealed!, position: position++ };
  });
};

export const EVIDENCE_SHA = 'ab'.repeat(32);

/** A full lifecycle with one evidence item that changes hands twice and is released. */
export const lifecycleSteps = (title = 'Beaconing to known C2 from WS-042'): Step[] => [
  { type: 'IncidentLogged', data: { title, description: 'EDR flagged periodic HTTPS beacons', source: 'monitoring', reporter: 'ana' } },
  { type: 'IncidentCategorized', data: { category: 'malicious-code', subcategories: ['c2-server'], taxonomyVersion: 'rsit-2025' } },
  { type: 'IncidentPrioritized', data: { impact: 1, urgency: 2, priority: 'P2', matrixVersion: 'itil-3x3-v1' } },
  { type: 'IncidentAssigned', data: { assignee: 'alice', team: 'soc-tier2' } },
  {
    type: 'EvidenceRegistered',
    data: {
      evidenceId: 'EV-1',
      description: 'Disk image of WS-042',
      kind: 'disk-image',
      sha256: EVIDENCE_SHA,
      sizeBytes: 1024,
      source: 'WS-042',
      collectedBy: 'alice',
      collectedAt: '2026-03-01T08:03:00.000Z',
      storageLocation: 'locker-7',
      custodian: 'alice',
    },
  },
  { type: 'CustodyTransferred', data: { evidenceId: 'EV-1', from: 'alice', to: 'bob', purpose: 'forensic analysis' } },
  { type: 'IncidentContained', data: { summary: 'Isolated host WS-042' } },
  { type: 'CustodyTransferred', data: { evidenceId: 'EV-1', from: 'bob', to: 'carol', purpose: 'legal hold' } },
  { type: 'IncidentEradicated', data: { summary: 'Removed the implant' } },
  { type: 'IncidentRecovered', data: { summary: 'Re-imaged WS-042' } },
  { type: 'IncidentClosed', data: { resolutionCode: 'true-positive-with-impact', summary: 'Contained within 2h' } },
];
