/** Where a command reads and writes; the real process streams, or captured ones in tests. */
export type CliIo = Readonly<{
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}>;

export const processIo = (): CliIo => ({ stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });

/** Writes one line to stdout. */
export const out = (io: CliIo, line = ''): void => {
  io.stdout.write(`${line}\n`);
};

/** Writes one line to stderr. */
export const note = (io: CliIo, line: string): void => {
  io.stderr.write(`${line}\n`);
};
