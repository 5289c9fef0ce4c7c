/** In-process "something was committed" notification, so live subscribers wake without waiting for a poll. */
export class CommitSignal {
  private readonly listeners = new Set<() => void>();

  /** Registers a one-off listener; returns a function that removes it. */
  once(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    const listeners = [...this.listeners];
    this.listeners.clear();
    for (const listener of listeners) listener();
  }
}
