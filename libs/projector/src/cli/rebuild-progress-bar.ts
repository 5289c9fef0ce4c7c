import { Presets, SingleBar } from 'cli-progress';
import type { RebuildProgress } from '../rebuild-types';

/** Renders rebuild progress: a cli-progress bar on a terminal, a line per 10 % otherwise. */
export interface RebuildProgressView {
  update(progress: RebuildProgress): void;
  stop(): void;
}

export type ProgressViewOptions = Readonly<{
  /** Where to draw; default process.stderr (stdout stays for the result). */
  stream?: NodeJS.WriteStream;
  /** Force on/off; default: on when the stream is a TTY and not under jest. */
  enabled?: boolean;
  label: string;
}>;

const eventsText = (n: number): string => n.toLocaleString('en-US');

/**
 * The bar counts in position units (= events on the embedded store; a log offset on EventStoreDB),
 * up to the head seen when the rebuild started; events read and events/s are shown beside it.
 */
export const rebuildProgressView = (options: ProgressViewOptions): RebuildProgressView => {
  const stream = options.stream ?? process.stderr;
  const interactive = options.enabled ?? (stream.isTTY === true && process.env.JEST_WORKER_ID === undefined);
  if (!interactive) return lineView(stream, options.label, options.enabled === false);

  const bar = new SingleBar(
    {
      stream,
      format: `${options.label} |{bar}| {percentage}% | {events} events | {rate} events/s | ETA {eta_formatted}`,
      hideCursor: true,
      fps: 10,
    },
    Presets.shades_classic,
  );
  let started = false;
  return {
    update: (progress) => {
      const total = Math.max(1, Number(progress.headPosition));
      const value = progress.phase === 'switched' ? total : Math.min(total, Number(progress.position));
      const payload = { events: eventsText(progress.eventsRead), rate: eventsText(progress.eventsPerSecond) };
      if (!started) {
        bar.start(total, value, payload);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(value, payload);
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
};

/** Without a terminal: one line per 10 % step (or nothing at all when `silent`). */
const lineView = (stream: NodeJS.WritableStream, label: string, silent: boolean): RebuildProgressView => {
  let lastStep = -1;
  return {
    update: (progress) => {
      if (silent) return;
      const step = Math.floor(progress.ratio * 10);
      if (step === lastStep && progress.phase !== 'switched') return;
      lastStep = step;
      stream.write(
        `${label}: ${Math.round(progress.ratio * 100)}% (${eventsText(progress.eventsRead)} events, ` +
          `${eventsText(progress.eventsPerSecond)} events/s, ${progress.phase})\n`,
      );
    },
    stop: () => {},
  };
};
