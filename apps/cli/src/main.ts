import { processIo } from './cli-io';
import { runCli } from './program';

// Set the code and let Node exit by itself, so stdout (a pipe or a file) is flushed first.
runCli(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ledger: ${String(error)}\n`);
    process.exitCode = 5;
  },
);
