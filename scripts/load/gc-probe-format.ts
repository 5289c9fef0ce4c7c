/** How gc-probe prints, in the API process's output: `<prefix> <epoch ms> <heapUsed bytes>`. */
export const GC_PROBE_PREFIX = 'ledger-gc-probe:';
export const GC_PROBE_INTERVAL_MS = 5000;
