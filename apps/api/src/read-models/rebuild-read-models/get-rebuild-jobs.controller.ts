import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Requires } from '../../auth/permissions';
import { errorBody } from '../../http/problem';
import type { RebuildJob } from './rebuild-job';
import { FINISHED_JOBS_KEPT, RebuildJobs } from './rebuild-jobs';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller('read-models/rebuilds')
export class GetRebuildJobsController {
  constructor(private readonly jobs: RebuildJobs) {}

  /** The rebuilds this process started: the running ones and the last finished ones, newest first. */
  @Requires('readmodel:rebuild')
  @Get()
  @ApiOkResponse({ description: '{ jobs: [...] }, newest first' })
  list(): { jobs: RebuildJob[] } {
    return { jobs: this.jobs.list() };
  }

  /** One rebuild: its state, progress, and its result or error once finished. */
  @Requires('readmodel:rebuild')
  @Get(':id')
  @ApiOkResponse({ description: '{ id, projections, state, startedBy, startedAt, finishedAt?, progress, result?, error? }' })
  @ApiNotFoundResponse({ description: 'No such job in this process (it keeps the last finished ones only)' })
  get(@Param('id') id: string): RebuildJob {
    const job = this.jobs.get(id);
    if (job === undefined) {
      throw new NotFoundException(
        errorBody(404, `No rebuild job with this id in this process (it keeps the last ${FINISHED_JOBS_KEPT} finished ones)`, {
          reason: 'RebuildJobNotFound',
        }),
      );
    }
    return job;
  }
}
