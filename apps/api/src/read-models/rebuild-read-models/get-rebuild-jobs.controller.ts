import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Requires } from '../../auth/permissions';
import { errorBody } from '../../http/problem';
import { isUuid } from '../../http/uuid';
import type { RebuildJob } from './rebuild-job';
import { FINISHED_JOBS_STORED } from './rebuild-job-records';
import { RebuildJobs } from './rebuild-jobs';

@ApiTags('read-models')
@ApiBearerAuth()
@Controller('read-models/rebuilds')
export class GetRebuildJobsController {
  constructor(private readonly jobs: RebuildJobs) {}

  /** Every replica's rebuilds: the running ones and the last finished ones, newest first. */
  @Requires('readmodel:rebuild')
  @Get()
  @ApiOkResponse({ description: '{ jobs: [...] }, newest first' })
  async list(): Promise<{ jobs: RebuildJob[] }> {
    return { jobs: await this.jobs.list() };
  }

  /** One rebuild: its state, progress, and its result or error once finished. */
  @Requires('readmodel:rebuild')
  @Get(':id')
  @ApiOkResponse({ description: '{ id, projections, state, startedBy, startedAt, finishedAt?, progress, result?, error? }' })
  @ApiNotFoundResponse({ description: 'No such job (the last finished ones only are kept)' })
  async get(@Param('id') id: string): Promise<RebuildJob> {
    // Job ids are UUIDs: anything else is not looked up.
    const job = isUuid(id) ? await this.jobs.get(id) : undefined;
    if (job === undefined) {
      throw new NotFoundException(
        errorBody(404, `No rebuild job with this id (the last ${FINISHED_JOBS_STORED} finished ones are kept)`, {
          reason: 'RebuildJobNotFound',
        }),
      );
    }
    return job;
  }
}
