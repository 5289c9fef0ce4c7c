import type { TransactionLog } from './transaction-log';

/** Resolves at the next write to the log, or when the signal aborts. */
export const waitForAppend = (log: TransactionLog, signal: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      unsubscribe();
      signal.removeEventListener('abort', done);
      resolve();
    };
    const unsubscribe = log.onAppend(done);
    signal.addEventListener('abort', done, { once: true });
  });

/** Lets I/O run during long synchronous scans. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
