import type { ThrottlerStorage } from '@nestjs/throttler';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

type Window = { start: number; current: number; previous: number; lastSeen: number };

/**
 * Rate-limit counters in O(1) time and memory per caller: a sliding window estimated from two fixed
 * windows (previous × the part of it still inside the window + current). @nestjs/throttler's default
 * storage keeps one timestamp per request and filters them all on every request, which under load is
 * O(requests per window) of work and garbage per request. Refused requests are not counted.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly now: () => number = Date.now,
    sweepIntervalMs = 60_000,
  ) {
    // Callers idle for two windows are forgotten, so counters of one-off IPs do not pile up.
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number, _blockDuration: number, throttler: string): Promise<ThrottlerStorageRecord> {
    const now = this.now();
    const id = `${throttler}:${key}`;
    const window = this.roll(this.windows.get(id) ?? { start: now, current: 0, previous: 0, lastSeen: now }, now, ttl);
    this.windows.set(id, window);
    window.lastSeen = now;
    const elapsed = now - window.start;
    const estimate = (hits: number): number => window.previous * ((ttl - elapsed) / ttl) + hits;
    const timeToExpire = Math.max(1, Math.ceil((ttl - elapsed) / 1000));
    if (estimate(window.current + 1) > limit) {
      return { totalHits: Math.ceil(estimate(window.current)) + 1, timeToExpire, isBlocked: true, timeToBlockExpire: this.retryAfter(window, elapsed, ttl, limit) };
    }
    window.current++;
    return { totalHits: Math.ceil(estimate(window.current)), timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
  }

  /** Stops the sweeper. */
  close(): void {
    clearInterval(this.sweeper);
  }

  /** Nest calls this on the provider when the application closes. */
  onApplicationShutdown(): void {
    this.close();
  }

  private roll(window: Window, now: number, ttl: number): Window {
    const passed = Math.floor((now - window.start) / ttl);
    if (passed <= 0) return window;
    return { start: window.start + passed * ttl, current: 0, previous: passed === 1 ? window.current : 0, lastSeen: window.lastSeen };
  }

  /** Seconds until one more request fits, if no other arrives meanwhile. */
  private retryAfter(window: Window, elapsed: number, ttl: number, limit: number): number {
    let waitMs: number;
    if (window.current + 1 > limit) {
      // The current window alone is full: wait until enough of it has slid out of the next one.
      waitMs = ttl - elapsed + ttl * (1 - (limit - 1) / window.current);
    } else {
      // The previous window's share must shrink until current + 1 fits.
      waitMs = ttl * (1 - (limit - window.current - 1) / window.previous) - elapsed;
    }
    return Math.max(1, Math.ceil(waitMs / 1000));
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, window] of this.windows) {
      // Windows are at most a few minutes long; anything unseen for 10 minutes holds no live hit.
      if (now - window.lastSeen > 600_000) this.windows.delete(id);
    }
  }
}
