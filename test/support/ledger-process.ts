import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, found upwards from here (this file also runs compiled, from dist-bench/). */
const findRoot = (from: string): string => {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'nest-cli.json'))) return dir;
  }
  throw new Error(`No repository root above ${from}`);
};
const ROOT = findRoot(__dirname);
export const API_MAIN = join(ROOT, 'dist', 'apps', 'api', 'src', 'main.js');

/**
 * Builds dist/ if this run has not (jest's global setup builds it once for all workers), so process
 * tests run the same code `npm start` runs.
 */
export const ensureBuilt = (): void => {
  if (process.env.LEDGER_SKIP_BUILD === '1' && existsSync(API_MAIN)) return;
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'pipe' });
  process.env.LEDGER_SKIP_BUILD = '1';
};

export type LedgerProcess = Readonly<{ child: ChildProcess; url: string; output: () => string }>;

/** Starts the API as its own process on a random port and waits until it listens. */
export const startLedgerProcess = (env: NodeJS.ProcessEnv, timeoutMs = 20_000): Promise<LedgerProcess> =>
  new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [API_MAIN], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: '0',
        LEDGER_LOG_LEVEL: 'log',
        NO_COLOR: '1',
        // Process tests drive incidents as the bootstrap admin.
        LEDGER_ADMIN_ROLES: 'reporter,analyst,handler,manager,auditor,admin',
        // Process tests fire bursts (SIGKILL under load); rate limiting has its own tests.
        LEDGER_RATE_LIMIT: '0',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ledger did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ child, url: match[1]!.replace('[::1]', '127.0.0.1'), output: () => output });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`ledger exited early (${code ?? signal}):\n${output}`));
    });
  });

/** Waits for the process to be gone. */
export const waitForExit = (child: ChildProcess): Promise<void> =>
  new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once('exit', () => resolvePromise());
  });
