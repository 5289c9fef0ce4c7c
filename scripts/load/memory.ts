import { Worker } from 'node:worker_threads';
import { slope } from './stats';
import { GC_PROBE_PREFIX } from './gc-probe-format';

export type MemoryReport = Readonly<{
  samples: number;
  startMb: number;
  peakMb: number;
  endMb: number;
  /**
   * Least-squares slope over the second half of the run, in MB per minute, of RSS's lower envelope
   * (each sample's minimum over the next 10 s): garbage collection makes RSS a sawtooth, and what
   * matters is whether the floor rises.
   */
  secondHalfSlopeMbPerMin: number;
  /** RSS every ~10 s, in MB, to see the shape. */
  series: number[];
  /** Heap in use right after the forced full GCs of gc-probe (every 5 s): its slope over the second half, MB/min. */
  heapAfterGc:
    | Readonly<{
        collections: number;
        firstMb: number;
        lastMb: number;
        secondHalfSlopeMbPerMin: number;
        /** When the second half starts (epoch ms) and how much the fitted line grows over it (MB). */
        secondHalfFrom: number;
        secondHalfGrowthMb: number;
      }>
    | undefined;
}>;

// Sampling runs in its own thread: the load's 50 clients keep the main event loop too busy for a timer.
const SAMPLER = `
const { parentPort, workerData } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const points = [];
const sample = () => {
  try {
    const match = /^VmRSS:\\s+(\\d+) kB/m.exec(readFileSync('/proc/' + workerData.pid + '/status', 'utf8'));
    if (match) points.push([Date.now(), Number(match[1]) / 1024]);
  } catch {}
};
sample();
const timer = setInterval(sample, workerData.intervalMs);
parentPort.on('message', () => { clearInterval(timer); sample(); parentPort.postMessage(points); });
`;

/** Heap-after-GC points from the API's output (gc-probe lines), as [minutes since start, MB]. */
export const heapAfterGc = (output: string, since: number): [number, number][] =>
  output
    .split('\n')
    .filter((text) => text.startsWith(GC_PROBE_PREFIX))
    .map((text) => text.slice(GC_PROBE_PREFIX.length).trim().split(' ').map(Number))
    .filter(([at]) => at! >= since)
    .map(([at, bytes]) => [(at! - since) / 60_000, bytes! / 1048576]);

/** Samples a process's RSS (Linux /proc) every `intervalMs` until stopped. */
export class MemorySampler {
  private readonly worker: Worker;
  readonly started = Date.now();

  constructor(pid: number, intervalMs = 1000) {
    this.worker = new Worker(SAMPLER, { eval: true, workerData: { pid, intervalMs } });
  }

  /** Stops sampling and summarises RSS, and the heap after gc-probe's full GCs when `output` has its lines. */
  async stop(output: string): Promise<MemoryReport> {
    const points = await new Promise<[number, number][]>((resolve) => {
      this.worker.once('message', resolve);
      this.worker.postMessage('stop');
    });
    await this.worker.terminate();
    const minutes = points.map(([at, mb]) => [(at - this.started) / 60_000, mb] as [number, number]);
    const values = minutes.map(([, mb]) => mb);
    const secondHalf = minutes.slice(Math.floor(minutes.length / 2));
    const floor = secondHalf.map(([at], i) => [at, Math.min(...secondHalf.slice(i, i + 10).map(([, mb]) => mb))] as const);
    const heap = heapAfterGc(output, this.started);
    const heapHalf = heap.slice(Math.floor(heap.length / 2));
    const heapSlope = slope(heapHalf);
    return {
      samples: values.length,
      startMb: values[0] ?? 0,
      peakMb: Math.max(0, ...values),
      endMb: values.at(-1) ?? 0,
      secondHalfSlopeMbPerMin: slope(floor),
      series: values.filter((_, i) => i % 10 === 0 || i === values.length - 1).map((mb) => Math.round(mb)),
      heapAfterGc:
        heap.length < 4
          ? undefined
          : {
              collections: heap.length,
              firstMb: heap[0]![1],
              lastMb: heap.at(-1)![1],
              secondHalfSlopeMbPerMin: heapSlope,
              secondHalfFrom: this.started + heapHalf[0]![0] * 60_000,
              secondHalfGrowthMb: heapSlope * (heapHalf.at(-1)![0] - heapHalf[0]![0]),
            },
    };
  }
}
