/** Capped exponential backoff: how long to wait before the n-th retry (1-based). */
export type RetryOptions = Readonly<{
  /** First delay. Default 500 ms. */
  initialDelayMs?: number;
  /** Largest delay. Default 30 000 ms. */
  maxDelayMs?: number;
}>;

export const retryDelayMs = (attempt: number, options: RetryOptions = {}): number => {
  const initial = options.initialDelayMs ?? 500;
  const max = options.maxDelayMs ?? 30_000;
  return Math.min(max, initial * 2 ** Math.min(30, Math.max(0, attempt - 1)));
};
