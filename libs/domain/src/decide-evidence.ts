import { nowOf } from './command-clock';
import { custodyViolation, evidenceNotFound, type DomainError } from './domain-error';
import { findEvidence, SHA256_HEX } from './evidence';
import type {
  DisposeEvidence,
  IncidentCommand,
  RegisterEvidence,
  ReleaseEvidence,
  TransferCustody,
} from './incident-commands';
import type { CustodyTransferred, EvidenceDisposed, EvidenceRegistered, EvidenceReleased } from './incident-events';
import type { IncidentState } from './incident-state';
import { parseIsoInstant } from './iso-time';
import { trimmedText, type ContentValidator } from './validation';
import { EVIDENCE_KINDS } from './vocabulary';

/** Commands that act on an item already registered. */
type CustodyCommand = TransferCustody | ReleaseEvidence | DisposeEvidence;

const isCustodyCommand = (command: IncidentCommand): command is CustodyCommand =>
  command.type === 'TransferCustody' || command.type === 'ReleaseEvidence' || command.type === 'DisposeEvidence';

/**
 * Why a custody command cannot act on its item: the item is unknown, it has left custody (released
 * or disposed of), or a transfer does not start at its current holder. A blank or missing evidenceId
 * or `from` is left to the content checks, which name the field.
 */
export const custodyRefusal = (command: IncidentCommand, state: IncidentState): DomainError | undefined => {
  if (!isCustodyCommand(command)) return undefined;
  const evidenceId = trimmedText(command.data.evidenceId);
  if (evidenceId === undefined) return undefined;
  const item = findEvidence(state.evidence, evidenceId);
  if (item === undefined) return evidenceNotFound(command.type, state.incidentId ?? command.data.incidentId, evidenceId);
  if (item.status !== 'held') return custodyViolation(command.type, evidenceId, item.status, item.holder);
  if (command.type === 'TransferCustody') {
    const from = trimmedText(command.data.from);
    // The chain is continuous: only the holder can hand an item on.
    if (from !== undefined && from !== item.holder) {
      return custodyViolation(command.type, evidenceId, item.status, item.holder, from);
    }
  }
  return undefined;
};

export const evidenceRegistered = (
  command: RegisterEvidence,
  state: IncidentState,
  v: ContentValidator,
): EvidenceRegistered => {
  const { data, metadata } = command;
  const evidenceId = v.text('evidenceId', data.evidenceId);
  if (findEvidence(state.evidence, evidenceId) !== undefined) {
    v.fail('evidenceId', `'${evidenceId}' is already registered; an item is registered once, then transferred`);
  }
  const description = v.text('description', data.description);
  const kind = v.oneOf('kind', data.kind, EVIDENCE_KINDS);
  const sha256 = v.matching('sha256', data.sha256, SHA256_HEX, 'must be a SHA-256 digest: 64 lowercase hexadecimal characters');
  const sizeBytes = v.count('sizeBytes', data.sizeBytes);
  const source = v.text('source', data.source);
  const collectedBy = v.text('collectedBy', data.collectedBy);
  const collectedAt = v.instant('collectedAt', data.collectedAt, nowOf(metadata));
  checkCollectedBeforeRegistration(v, collectedAt, metadata.occurredAt);
  const storageLocation = v.text('storageLocation', data.storageLocation);
  return {
    type: 'EvidenceRegistered',
    data: {
      incidentId: data.incidentId,
      evidenceId,
      description,
      kind,
      sha256,
      sizeBytes,
      source,
      collectedBy,
      collectedAt,
      storageLocation,
      custodian: collectedBy,
    },
  };
};

// An item is registered after it was collected; a backdated registration cannot predate it.
const checkCollectedBeforeRegistration = (v: ContentValidator, collectedAt: string, occurredAt: string | undefined): void => {
  const collected = parseIsoInstant(collectedAt);
  const registered = parseIsoInstant(occurredAt);
  if (collected !== undefined && registered !== undefined && collected > registered) {
    v.fail('collectedAt', 'must not be after occurredAt: an item is registered after it is collected');
  }
};

export const custodyTransferred = (command: TransferCustody, v: ContentValidator): CustodyTransferred => {
  const { data } = command;
  const evidenceId = v.text('evidenceId', data.evidenceId);
  const from = v.text('from', data.from);
  const to = v.text('to', data.to);
  if (from !== '' && to === from) v.fail('to', `must differ from 'from': '${from}' already holds the item`);
  const purpose = v.text('purpose', data.purpose);
  return { type: 'CustodyTransferred', data: { incidentId: data.incidentId, evidenceId, from, to, purpose } };
};

// custodyRefusal has made sure the item exists whenever the evidenceId is valid text.
const holderOf = (state: IncidentState, evidenceId: string): string => findEvidence(state.evidence, evidenceId)?.holder ?? '';

export const evidenceReleased = (command: ReleaseEvidence, state: IncidentState, v: ContentValidator): EvidenceReleased => {
  const { data } = command;
  const evidenceId = v.text('evidenceId', data.evidenceId);
  return {
    type: 'EvidenceReleased',
    data: {
      incidentId: data.incidentId,
      evidenceId,
      holder: holderOf(state, evidenceId),
      releasedTo: v.text('releasedTo', data.releasedTo),
      authority: v.text('authority', data.authority),
      reason: v.text('reason', data.reason),
    },
  };
};

export const evidenceDisposed = (command: DisposeEvidence, state: IncidentState, v: ContentValidator): EvidenceDisposed => {
  const { data } = command;
  const evidenceId = v.text('evidenceId', data.evidenceId);
  return {
    type: 'EvidenceDisposed',
    data: {
      incidentId: data.incidentId,
      evidenceId,
      holder: holderOf(state, evidenceId),
      method: v.text('method', data.method),
      authority: v.text('authority', data.authority),
      reason: v.text('reason', data.reason),
    },
  };
};
