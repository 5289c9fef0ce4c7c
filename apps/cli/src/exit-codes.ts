/** The CLI's exit codes; scripts and CI rely on them (see docs/cli.md). */
export const EXIT = {
  ok: 0,
  /** The ledger or the bundle did not verify. */
  verificationFailed: 1,
  /** Bad arguments, options or configuration. */
  usage: 2,
  /** The incident, bundle file or projection does not exist. */
  notFound: 3,
  /** The event store cannot be opened or reached. */
  storeUnreachable: 4,
  /** Anything unexpected (a bug); the message says what. */
  internal: 5,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** A failure with the exit code it maps to; its message is printed as is, prefixed with "ledger: ". */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
  }
}
