import { parseIsoInstant } from './iso-time';
import type { CommandMetadata } from './message';

/** The server clock; an unparsable one is an adapter bug, not something a user can fix. */
export const nowOf = (metadata: CommandMetadata): number => {
  const now = parseIsoInstant(metadata.now);
  if (now === undefined) throw new TypeError(`metadata.now must be an ISO 8601 instant, got ${JSON.stringify(metadata.now)}`);
  return now;
};
