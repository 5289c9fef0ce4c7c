import 'reflect-metadata';
import { createLedgerApp } from './app.factory';
import { ConfigError, loadLedgerConfig } from './config/ledger-config';

async function main(): Promise<void> {
  const config = loadLedgerConfig();
  const app = await createLedgerApp(config);
  await app.listen(config.port, config.host);
  // Always printed, whatever the log level: operators and scripts wait for this line.
  process.stdout.write(`ledger: listening on ${await app.getUrl()} (API docs at /docs)\n`);
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  // A clear line, not a stack, for configuration and connection failures at start-up.
  process.stderr.write(`ledger: failed to start: ${message}\n`);
  process.exit(1);
});
