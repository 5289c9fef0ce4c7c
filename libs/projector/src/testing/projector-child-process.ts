import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const findRoot = (from: string): string => {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
  }
  throw new Error(`No repository root above ${from}`);
};
const ROOT = findRoot(__dirname);
const REGISTER = join(ROOT, 'libs/projector/src/testing/register-ts.js');
export const PROJECTOR_MAIN = join(ROOT, 'apps/projector/src/main.ts');

export type ProjectorChild = Readonly<{ child: ChildProcess; output: () => string; exited: Promise<void> }>;

/**
 * Runs apps/projector/src/main.ts (the production entry, TypeScript compiled on load by swc through
 * register-ts.js, so no build step) as a real child process that a test can SIGKILL.
 * Resolves once it reports 'started'.
 */
export const startProjectorChild = (env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<ProjectorChild> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', REGISTER, PROJECTOR_MAIN], {
      cwd: ROOT,
      env: { ...process.env, LEDGER_PROJECTOR_STATUS_INTERVAL_MS: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`projector did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('] started (')) {
        clearTimeout(timer);
        resolve({ child, output: () => output, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`projector exited early (${child.exitCode ?? child.signalCode}):\n${output}`));
    });
  });
