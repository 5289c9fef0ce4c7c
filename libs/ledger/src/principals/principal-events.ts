import type { Actor } from '@ledger/domain';
import type { JsonObject, RecordedEvent } from '@ledger/event-store';

/** The ledger's own stream of principals and tokens ('ledger-' streams are skipped by incident projections). */
export const PRINCIPALS_STREAM = 'ledger-principals';
export const PRINCIPAL_EVENT_SCHEMA_VERSION = 1;

export type PrincipalRegistered = Readonly<{
  type: 'PrincipalRegistered';
  data: Readonly<{ principalId: string; name: string; roles: readonly string[]; teams: readonly string[] }>;
}>;
export type PrincipalRolesChanged = Readonly<{
  type: 'PrincipalRolesChanged';
  data: Readonly<{ principalId: string; roles: readonly string[]; previousRoles: readonly string[] }>;
}>;
export type PrincipalTeamsChanged = Readonly<{
  type: 'PrincipalTeamsChanged';
  data: Readonly<{ principalId: string; teams: readonly string[]; previousTeams: readonly string[] }>;
}>;
export type PrincipalDisabled = Readonly<{
  type: 'PrincipalDisabled';
  data: Readonly<{ principalId: string; reason?: string }>;
}>;
export type PrincipalEnabled = Readonly<{
  type: 'PrincipalEnabled';
  data: Readonly<{ principalId: string; reason?: string }>;
}>;
/** Only the SHA-256 (hex) of a token is ever recorded; the token itself is shown once and forgotten. */
export type TokenIssued = Readonly<{
  type: 'TokenIssued';
  data: Readonly<{ principalId: string; tokenId: string; tokenSha256: string; expiresAt: string | null }>;
}>;
export type TokenRevoked = Readonly<{
  type: 'TokenRevoked';
  data: Readonly<{ principalId: string; tokenId: string; reason?: string }>;
}>;

/** Everything that can happen to a principal. */
export type PrincipalEvent =
  | PrincipalRegistered
  | PrincipalRolesChanged
  | PrincipalTeamsChanged
  | PrincipalDisabled
  | PrincipalEnabled
  | TokenIssued
  | TokenRevoked;

export const PRINCIPAL_EVENT_TYPES: readonly PrincipalEvent['type'][] = [
  'PrincipalRegistered',
  'PrincipalRolesChanged',
  'PrincipalTeamsChanged',
  'PrincipalDisabled',
  'PrincipalEnabled',
  'TokenIssued',
  'TokenRevoked',
];

/** A principal event as read back: the event with the envelope fields the directory keeps. */
export type RecordedPrincipalEvent = PrincipalEvent &
  Readonly<{
    eventId: string;
    revision: bigint;
    /** The admin who caused it. */
    actor: Actor;
    occurredAt: string;
    recordedAt: string;
    prevHash: string;
    hash: string;
  }>;

export class UnknownPrincipalEventError extends Error {
  override readonly name = 'UnknownPrincipalEventError';
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Reads a stored event of the principals stream. An unknown type is an error, not something to skip:
 * skipping, say, a future "TokenRevoked v2" would silently keep a revoked token alive.
 */
export const decodePrincipalEvent = (recorded: RecordedEvent): RecordedPrincipalEvent => {
  if (!(PRINCIPAL_EVENT_TYPES as readonly string[]).includes(recorded.type)) {
    throw new UnknownPrincipalEventError(
      `${recorded.stream}@${recorded.revision}: unknown principal event type '${recorded.type}'`,
    );
  }
  const metadata = recorded.metadata as JsonObject;
  const actor = (metadata.actor ?? {}) as JsonObject;
  return {
    type: recorded.type,
    data: recorded.data,
    eventId: recorded.eventId,
    revision: recorded.revision,
    actor: { id: str(actor.id), name: str(actor.name) },
    occurredAt: str(metadata.occurredAt),
    recordedAt: str(metadata.recordedAt),
    prevHash: str(metadata.prevHash),
    hash: str(metadata.hash),
  } as unknown as RecordedPrincipalEvent;
};
