/** The p-th percentile (0..100) of a sample, by nearest rank; 0 for an empty sample. */
export const percentile = (values: readonly number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** Least-squares slope of y over x (per unit of x); 0 with fewer than two points. */
export const slope = (points: readonly (readonly [number, number])[]): number => {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  return sxx === 0 ? 0 : sxy / sxx;
};

/** Counts by key, printed as `key: n, …` in key order. */
export class Tally {
  private readonly counts = new Map<string, number>();

  add(key: string | number, by = 1): void {
    this.counts.set(String(key), (this.counts.get(String(key)) ?? 0) + by);
  }

  get(key: string | number): number {
    return this.counts.get(String(key)) ?? 0;
  }

  keys(): string[] {
    return [...this.counts.keys()].sort();
  }

  toString(): string {
    return this.keys().map((key) => `${key}: ${this.get(key)}`).join(', ') || '(none)';
  }
}
