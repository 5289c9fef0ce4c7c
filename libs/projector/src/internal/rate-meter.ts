/**
 * Events per second over a sliding window, so the figure falls back to 0 when the projector idles
 * instead of averaging over its whole life.
 */
export class RateMeter {
  private readonly samples: { at: number; count: number }[] = [];

  constructor(
    private readonly windowMs = 10_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  record(count: number): void {
    if (count <= 0) return;
    this.samples.push({ at: this.now(), count });
    this.prune();
  }

  perSecond(): number {
    this.prune();
    if (this.samples.length === 0) return 0;
    const total = this.samples.reduce((sum, sample) => sum + sample.count, 0);
    // At least one second, so a single early batch does not read as a huge rate.
    const spanMs = Math.max(1_000, this.now() - this.samples[0]!.at);
    return Math.round((total * 1_000) / spanMs);
  }

  private prune(): void {
    const oldest = this.now() - this.windowMs;
    while (this.samples.length > 0 && this.samples[0]!.at < oldest) this.samples.shift();
  }
}
