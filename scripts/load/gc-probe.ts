/**
 * Preloaded into the API process by the load script (NODE_OPTIONS=--require …/gc-probe.js): every 5 s it
 * runs a full garbage collection and prints the heap still in use, i.e. what objects really retain.
 * RSS alone cannot tell a leak from V8 and malloc keeping freed memory for reuse. (The forced GC costs a
 * pause of some tens of ms every 5 s, which shows in the p99 latency.)
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { GC_PROBE_PREFIX, GC_PROBE_INTERVAL_MS } from './gc-probe-format';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const timer = setInterval(() => {
  gc();
  process.stdout.write(`${GC_PROBE_PREFIX} ${Date.now()} ${process.memoryUsage().heapUsed}\n`);
}, GC_PROBE_INTERVAL_MS);
// Never keeps the process alive on its own.
timer.unref();
