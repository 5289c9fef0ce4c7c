/** A domain event: a stable string `type` (never a class name) and plain JSON data. */
export type Event<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
}>;

/** A domain command: what someone asks for, with who asks and when. */
export type Command<Type extends string, Data extends Record<string, unknown>> = Readonly<{
  type: Type;
  data: Readonly<Data>;
  metadata: CommandMetadata;
}>;

/** The authenticated principal acting; always from authentication, never from a request body. */
export type Actor = Readonly<{ id: string; name: string }>;

export type CommandMetadata = Readonly<{
  actor: Actor;
  /** The server clock when the command was received (ISO 8601). */
  now: string;
  /** When the action happened, if the client says so (ISO 8601); never after `now`. */
  occurredAt?: string;
}>;

/** For exhaustive switches: a new union member becomes a compile error here. */
export const assertUnreachable = (value: never): never => {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
};
