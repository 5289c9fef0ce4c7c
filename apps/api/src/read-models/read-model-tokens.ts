export const READ_STORE = Symbol('READ_STORE');
export const READ_MODEL_PROGRESS = Symbol('READ_MODEL_PROGRESS');

/** How far the projected read models have got; the in-process projector or a view of the external one. */
export interface ReadModelProgress {
  /** Resolves true once every read model includes `position`, false if that takes longer than `timeoutMs`. */
  waitForPosition(position: bigint, timeoutMs: number): Promise<boolean>;
}

/** The in-process projector, or null when it runs as its own process (LEDGER_PROJECTOR=external). */
export const PROJECTOR = Symbol('PROJECTOR');
