/** Bad arguments to a projector command (`ledger rebuild`, `ledger prune`); the CLI exits with its usage code. */
export class ProjectorUsageError extends Error {
  override readonly name = 'ProjectorUsageError';
}
