import { Command } from 'commander';
import { EventStoreUnavailableError } from '@ledger/event-store';
import { runRebuild } from '../../../../libs/projector/src/cli/rebuild-command';
import { ProjectorUsageError } from '../../../../libs/projector/src/cli/usage-error';
import { StoresConfigError } from '../../../../libs/projector/src/cli/stores-config';
import type { CliIo } from '../cli-io';
import { CliError, EXIT } from '../exit-codes';

/** `ledger rebuild <projection…|all> [options]`: the projector library's rebuild, with its own options. */
export const rebuildCommand = (io: CliIo): Command =>
  new Command('rebuild')
    .description('Rebuild read models blue-green from the event store (options: --page-size=N --batch-events=N --keep-previous --drop-delay-ms=N --no-progress)')
    .argument('<projection...>', 'projection names, versioned names, or all; then --page-size=N, --batch-events=N, --keep-previous, --drop-delay-ms=N, --no-progress')
    .allowUnknownOption()
    .helpOption('-h, --help')
    .action(async (args: string[]) => {
      try {
        await runRebuild(args, io.env, { stdout: io.stdout, stderr: io.stderr as NodeJS.WriteStream });
      } catch (error) {
        if (error instanceof ProjectorUsageError || error instanceof StoresConfigError) throw new CliError(EXIT.usage, error.message);
        if (error instanceof EventStoreUnavailableError) throw new CliError(EXIT.storeUnreachable, error.message);
        throw error;
      }
    });
