/**
 * `npm run bench`: prints throughput figures. Timings are noisy on shared machines (spreads of 20-60 %
 * are normal here): compare figures from one run, and never assert them in tests.
 * BENCH_ONLY=sqlite,http runs a subset.
 */
import { benchDashboard } from './dashboard.bench';
import { benchEventStore } from './event-store.bench';
import { benchHttp } from './http.bench';
import { benchReadStore } from './read-store.bench';
import { benchRebuild } from '../libs/projector/src/bench/rebuild.bench';
import { benchVerify } from './verify.bench';

const suites: Record<string, () => Promise<Record<string, number>>> = {
  sqlite: benchEventStore,
  http: benchHttp,
  readstore: benchReadStore,
  rebuild: benchRebuild,
  dashboard: benchDashboard,
  verify: benchVerify,
};

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  console.log(`incident-ledger bench — node ${process.version}, ${new Date().toISOString()}`);
  for (const [name, run] of Object.entries(suites)) {
    if (only && !only.includes(name)) continue;
    const figures = await run();
    for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(56)} ${value.toLocaleString('en-US')}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
