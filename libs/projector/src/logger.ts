/** Where the projector reports what it does. Plain functions, so any logger (Nest, pino, console) fits. */
export interface ProjectorLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

/** Logs to stderr with a prefix; the default outside NestJS. */
export const consoleProjectorLogger = (prefix = 'projector'): ProjectorLogger => ({
  log: (message) => console.error(`[${prefix}] ${message}`),
  warn: (message) => console.error(`[${prefix}] WARN ${message}`),
  error: (message, error) =>
    console.error(`[${prefix}] ERROR ${message}${error === undefined ? '' : `: ${describeError(error)}`}`),
});

/** For tests and embedding where nothing should be printed. */
export const silentProjectorLogger: ProjectorLogger = { log: () => {}, warn: () => {}, error: () => {} };

export const describeError = (error: unknown): string =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);
