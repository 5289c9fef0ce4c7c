/**
 * Waits a random, growing moment after losing a race, so two writers that collide once do not keep
 * colliding in lockstep (with group commit, both would otherwise land in the same batch every time).
 */
export const conflictBackoff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
