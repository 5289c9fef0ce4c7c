import { Command } from 'commander';
import { ReadStoreUnavailableError } from '@ledger/read-store';
import { runPrune } from '../../../../libs/projector/src/cli/prune-command';
import { ProjectorUsageError } from '../../../../libs/projector/src/cli/usage-error';
import { StoresConfigError } from '../../../../libs/projector/src/cli/stores-config';
import type { CliIo } from '../cli-io';
import { CliError, EXIT } from '../exit-codes';

/** `ledger prune [options]`: drops read-model collections nothing reads (crashed or kept rebuilds). */
export const pruneCommand = (io: CliIo): Command =>
  new Command('prune')
    .description('Drop read-model collections nothing reads: inactive builds older than a day (options: --older-than-hours=N --include-old-versions --dry-run)')
    .allowUnknownOption()
    .allowExcessArguments()
    .helpOption('-h, --help')
    .action(async (_options: unknown, command: Command) => {
      try {
        await runPrune(command.args, io.env, io.stdout);
      } catch (error) {
        if (error instanceof ProjectorUsageError || error instanceof StoresConfigError) throw new CliError(EXIT.usage, error.message);
        if (error instanceof ReadStoreUnavailableError) throw new CliError(EXIT.storeUnreachable, error.message);
        throw error;
      }
    });
