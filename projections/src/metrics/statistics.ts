/** Mean, median and 90th percentile of a set of durations, in whole milliseconds. */
export type DurationStats = Readonly<{ count: number; meanMs: number; medianMs: number; p90Ms: number }>;

/**
 * The p-quantile (0 <= p <= 1) of ascending values by linear interpolation between closest ranks:
 * rank h = (n - 1) * p, value = x[floor h] + (h - floor h) * (x[floor h + 1] - x[floor h]).
 * This is Hyndman & Fan type 7: the default of R, NumPy and Excel's PERCENTILE.INC; the median
 * of an even count is the mean of the middle two.
 */
export const quantile = (ascending: readonly number[], p: number): number => {
  if (ascending.length === 0) throw new RangeError('quantile of no values');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile ${p} is outside [0, 1]`);
  const rank = (ascending.length - 1) * p;
  const lower = Math.floor(rank);
  const upper = Math.min(lower + 1, ascending.length - 1);
  return ascending[lower] + (rank - lower) * (ascending[upper] - ascending[lower]);
};

/** Statistics of durations (ms), rounded to whole milliseconds; null when there are none. */
export const durationStats = (durationsMs: readonly number[]): DurationStats | null => {
  if (durationsMs.length === 0) return null;
  const ascending = [...durationsMs].sort((a, b) => a - b);
  const total = ascending.reduce((sum, value) => sum + value, 0);
  return {
    count: ascending.length,
    meanMs: Math.round(total / ascending.length),
    medianMs: Math.round(quantile(ascending, 0.5)),
    p90Ms: Math.round(quantile(ascending, 0.9)),
  };
};
