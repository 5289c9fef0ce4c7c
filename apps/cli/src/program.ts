import { Command, CommanderError } from 'commander';
import { EventStoreUnavailableError } from '@ledger/event-store';
import { type CliIo } from './cli-io';
import { exportCommand } from './commands/export.command';
import { pruneCommand } from './commands/prune.command';
import { rebuildCommand } from './commands/rebuild.command';
import { replayCommand } from './commands/replay.command';
import { verifyCommand } from './commands/verify.command';
import { CliError, EXIT, type ExitCode } from './exit-codes';

/** The `ledger` program: every command, reading and writing through `io`. */
export const createProgram = (io: CliIo): Command =>
  new Command('ledger')
    .description('The incident ledger auditor\'s tool: verify the ledger or a bundle, replay incidents, export evidence.')
    .version('0.1.0')
    .showHelpAfterError('(run "ledger --help" for usage)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .exitOverride()
    .addCommand(verifyCommand(io))
    .addCommand(replayCommand(io))
    .addCommand(exportCommand(io))
    .addCommand(rebuildCommand(io))
    .addCommand(pruneCommand(io));

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Runs the program and returns the exit code; never throws. */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const program = createProgram(io);
  // exitOverride applies to the program; subcommands inherit it only when added after it was set.
  for (const command of program.commands) command.exitOverride().configureOutput(program.configureOutput());
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are successes; anything else commander rejects is a usage error.
      return error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof CliError) {
      io.stderr.write(`ledger: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof EventStoreUnavailableError) {
      io.stderr.write(`ledger: the event store stopped answering: ${error.message}\n`);
      return EXIT.storeUnreachable;
    }
    io.stderr.write(`ledger: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : message(error)}\n`);
    return EXIT.internal;
  }
};
