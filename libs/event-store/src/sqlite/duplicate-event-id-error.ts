/**
 * An event with this id is already recorded; nothing of the append was written.
 * Event ids are unique store-wide (they are the events' identity in EventStoreDB too).
 */
export class DuplicateEventIdError extends Error {
  override readonly name = 'DuplicateEventIdError';
  constructor(
    readonly stream: string,
    readonly eventIds: readonly string[],
  ) {
    super(`Stream ${stream}: an event id of this append is already recorded`);
  }
}
