import { Writable } from 'node:stream';
import type { RebuildProgress } from '../rebuild-types';
import { rebuildProgressView } from './rebuild-progress-bar';

/** A terminal as cli-progress sees one: a TTY with a width and cursor control, capturing what is drawn. */
class FakeTerminal extends Writable {
  readonly isTTY = true;
  readonly columns = 160;
  output = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.output += chunk.toString();
    done();
  }
  cursorTo(_x: number, _y?: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
  moveCursor(_dx: number, _dy: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
  clearLine(_direction: number, callback?: () => void): boolean {
    callback?.();
    return true;
  }
  clearScreenDown(callback?: () => void): boolean {
    callback?.();
    return true;
  }
}

const progress = (position: bigint, phase: RebuildProgress['phase'], eventsRead: number): RebuildProgress => ({
  phase,
  eventsRead,
  position,
  headPosition: 200_000n,
  ratio: Number(position) / 200_000,
  eventsPerSecond: 12_345,
  elapsedMs: 1_000,
});

describe('rebuildProgressView', () => {
  it('given a terminal, then it draws a bar with the label, the percentage, events and events/s, full once switched', () => {
    const terminal = new FakeTerminal();
    const view = rebuildProgressView({ label: 'rebuild incident-summary', stream: terminal as unknown as NodeJS.WriteStream, enabled: true });

    view.update(progress(0n, 'loading', 0));
    view.update(progress(100_000n, 'loading', 100_000));
    view.update(progress(200_000n, 'switched', 200_000));
    view.stop();

    const drawn = terminal.output;
    expect(drawn).toContain('rebuild incident-summary |');
    expect(drawn).toMatch(/\| 100% \| 200,000 events \| 12,345 events\/s \|/);
    expect(drawn).toMatch(/█{10,}/);
  });

  it('given no terminal, then it writes one line per 10 % step, and the switch', () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const view = rebuildProgressView({ label: 'rebuild', stream: stream as unknown as NodeJS.WriteStream });

    for (let position = 0n; position <= 200_000n; position += 5_000n) view.update(progress(position, 'loading', Number(position)));
    view.update(progress(200_000n, 'switched', 200_000));

    expect(lines).toHaveLength(12);
    expect(lines[5]).toBe('rebuild: 50% (100,000 events, 12,345 events/s, loading)\n');
    expect(lines.at(-1)).toBe('rebuild: 100% (200,000 events, 12,345 events/s, switched)\n');
  });

  it('given enabled: false, then it draws nothing', () => {
    const terminal = new FakeTerminal();
    const view = rebuildProgressView({ label: 'rebuild', stream: terminal as unknown as NodeJS.WriteStream, enabled: false });
    view.update(progress(100_000n, 'loading', 100_000));
    view.stop();
    expect(terminal.output).toBe('');
  });
});
