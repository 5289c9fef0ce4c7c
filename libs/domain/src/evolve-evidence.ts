import type { EvidenceItem, EvidenceMap } from './evidence';
import { findEvidence } from './evidence';
import type { EvidenceEvent } from './incident-events';
import { assertUnreachable } from './message';

const update = (evidence: EvidenceMap, evidenceId: string, change: (item: EvidenceItem) => EvidenceItem): EvidenceMap => {
  const item = findEvidence(evidence, evidenceId);
  // evolve is total: an event for an unknown item (only possible in a hand-made history) changes nothing.
  return item === undefined ? evidence : { ...evidence, [evidenceId]: change(item) };
};

/** Applies one evidence event to the incident's evidence items. */
export const evolveEvidence = (evidence: EvidenceMap, event: EvidenceEvent): EvidenceMap => {
  switch (event.type) {
    case 'EvidenceRegistered': {
      const { evidenceId, description, kind, sha256, sizeBytes, source } = event.data;
      const { collectedBy, collectedAt, storageLocation, custodian } = event.data;
      // The first registration stands; decide never records a second one.
      if (findEvidence(evidence, evidenceId) !== undefined) return evidence;
      const item: EvidenceItem = {
        evidenceId,
        description,
        kind,
        sha256,
        sizeBytes,
        source,
        collectedBy,
        collectedAt,
        storageLocation,
        status: 'held',
        holder: custodian,
        custody: [],
      };
      return { ...evidence, [evidenceId]: item };
    }
    case 'CustodyTransferred': {
      const { evidenceId, from, to, purpose } = event.data;
      return update(evidence, evidenceId, (item) => ({ ...item, holder: to, custody: [...item.custody, { from, to, purpose }] }));
    }
    case 'EvidenceReleased': {
      const { evidenceId, releasedTo, authority, reason } = event.data;
      return update(evidence, evidenceId, (item) => ({ ...item, status: 'released', release: { releasedTo, authority, reason } }));
    }
    case 'EvidenceDisposed': {
      const { evidenceId, method, authority, reason } = event.data;
      return update(evidence, evidenceId, (item) => ({ ...item, status: 'disposed', disposal: { method, authority, reason } }));
    }
    default:
      return assertUnreachable(event);
  }
};
