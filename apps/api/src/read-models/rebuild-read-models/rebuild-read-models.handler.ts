import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { selectProjections } from '@ledger/projector';
import type { RebuildJob } from './rebuild-job';
import { RebuildJobs } from './rebuild-jobs';
import { RebuildReadModelsCommand } from './rebuild-read-models.command';

/** Thin: resolves the names as the CLI does and starts the job; the rebuild runs in the background. */
@CommandHandler(RebuildReadModelsCommand)
export class RebuildReadModelsHandler implements ICommandHandler<RebuildReadModelsCommand, RebuildJob> {
  constructor(private readonly jobs: RebuildJobs) {}

  async execute({ projections, startedBy }: RebuildReadModelsCommand): Promise<RebuildJob> {
    return this.jobs.start(selectProjections(projections), startedBy);
  }
}
