import type { ServiceError } from '@grpc/grpc-js';
import type { UUID } from '@eventstore/db-client/generated/shared_pb';
import type { ProposedEvent } from './log-types';
import { rpcErrors, uuidToString } from './wire';

/** The parts Append's and BatchAppend's ProposedMessage have in common. */
type ProposedMessage = {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
};

/** Reads a proposed message; EventStoreDB insists on the 'type' and 'content-type' metadata entries. */
export const toProposedEvent = (message: ProposedMessage): ProposedEvent | ServiceError => {
  const metadata = message.getMetadataMap();
  const type = metadata.get('type');
  const contentType = metadata.get('content-type');
  if (type === undefined) return rpcErrors.requiredMetadataPropertyMissing('type');
  if (contentType === undefined) return rpcErrors.requiredMetadataPropertyMissing('content-type');
  return {
    eventId: uuidToString(message.getId()),
    type,
    contentType: contentType === 'application/json' ? 'application/json' : 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
};

export const isServiceError = (value: ProposedEvent | ServiceError): value is ServiceError => value instanceof Error;
