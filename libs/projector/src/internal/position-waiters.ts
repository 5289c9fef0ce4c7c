type Waiter = { position: bigint; resolve: (reached: boolean) => void; timer: NodeJS.Timeout };

/** Callers waiting for a position; settled as the projector advances, or false on timeout/stop. */
export class PositionWaiters {
  private readonly waiters = new Set<Waiter>();

  /** Resolves true once settle() reports a position at or past `position`, false after timeoutMs. */
  wait(position: bigint, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiter: Waiter = {
        position,
        resolve,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          resolve(false);
        }, Math.max(0, timeoutMs)),
      };
      this.waiters.add(waiter);
    });
  }

  settle(current: bigint): void {
    for (const waiter of this.waiters) {
      if (waiter.position > current) continue;
      clearTimeout(waiter.timer);
      this.waiters.delete(waiter);
      waiter.resolve(true);
    }
  }

  /** Ends every wait with false (stop). */
  cancelAll(): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.resolve(false);
    }
    this.waiters.clear();
  }
}
