/** Start a blue-green rebuild of these projections; routed in memory by the CommandBus, never stored. */
export class RebuildReadModelsCommand {
  constructor(
    /** Validated names: projection names, versioned names or 'all'. */
    readonly projections: readonly string[],
    /** The authenticated principal's id. */
    readonly startedBy: string,
  ) {}
}
