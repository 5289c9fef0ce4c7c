import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './cli-io';

/** A progress bar on stderr, or nothing at all when stderr is not a terminal (pipes, CI logs). */
export type Progress = Readonly<{
  update(value: number, total: number, detail?: string): void;
  stop(): void;
}>;

const NONE: Progress = { update: () => undefined, stop: () => undefined };

export const progressBar = (io: CliIo, label: string): Progress => {
  if (!io.stderr.isTTY) return NONE;
  const bar = new SingleBar(
    {
      stream: io.stderr,
      format: `${label} [{bar}] {percentage}% | {detail}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update(value, total, detail = '') {
      if (!started) {
        bar.start(Math.max(total, 1), value, { detail });
        started = true;
      }
      bar.setTotal(Math.max(total, 1));
      bar.update(value, { detail });
    },
    stop() {
      if (started) bar.stop();
    },
  };
};
