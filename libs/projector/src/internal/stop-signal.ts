/**
 * A one-shot stop request that long waits listen to, so stop() never waits for a poll interval,
 * a retry delay or the next event. Listeners are removed after each wait (no promise that lives
 * forever collects a reaction per wait).
 */
export class StopSignal {
  private fired = false;
  private readonly listeners = new Set<() => void>();

  get requested(): boolean {
    return this.fired;
  }

  request(): void {
    if (this.fired) return;
    this.fired = true;
    for (const listener of [...this.listeners]) listener();
    this.listeners.clear();
  }

  /** Calls `listener` once on stop (at once if already requested); returns the unsubscribe. */
  onStop(listener: () => void): () => void {
    if (this.fired) {
      listener();
      return () => {};
    }
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Sleeps for `ms` unless stop is requested first; true when it slept the whole time. */
  sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        unlisten();
        resolve(true);
      }, ms);
      const unlisten = this.onStop(() => {
        clearTimeout(timer);
        resolve(false);
      });
    });
  }
}
