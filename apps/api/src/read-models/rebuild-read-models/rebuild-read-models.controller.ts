import { Body, ConflictException, Controller, HttpCode, Post, Res, ServiceUnavailableException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import { Requires } from '../../auth/permissions';
import type { Principal } from '../../auth/principal';
import { errorBody } from '../../http/problem';
import type { RebuildJob } from './rebuild-job';
import { RebuildReadModelsCommand } from './rebuild-read-models.command';
import { RebuildReadModelsDto } from './rebuild-read-models.dto';
import { RebuildRefusedError } from './rebuild-refused.error';

/** A refused start as an HTTP error; the shared exception filter shapes the body. */
const toHttpError = (error: unknown): unknown => {
  if (!(error instanceof RebuildRefusedError)) return error;
  const details = { reason: error.reason, projections: error.projections, ...(error.jobId !== undefined && { jobId: error.jobId }) };
  return error.reason === 'RebuildRunning'
    ? new ConflictException(errorBody(409, error.message, details))
    : new ServiceUnavailableException(errorBody(503, error.message, details));
};

@ApiTags('read-models')
@ApiBearerAuth()
@Controller('read-models/rebuilds')
export class RebuildReadModelsController {
  constructor(private readonly commandBus: CommandBus) {}

  /**
   * Starts a blue-green rebuild (new versioned collections from position 0, then the switch) in the
   * background, and answers with the running job; GET its Location to follow the progress.
   */
  @Requires('readmodel:rebuild')
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({
    description: 'The job, running: { id, projections, state, startedBy, replica, startedAt, progress }',
    headers: { Location: { description: 'The job: /read-models/rebuilds/:id', schema: { type: 'string' } } },
  })
  @ApiBadRequestResponse({ description: 'Unknown, repeated or no projection names' })
  @ApiConflictResponse({ description: 'A replica is rebuilding one of these projections already; names it' })
  async start(
    @Body() body: RebuildReadModelsDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RebuildJob> {
    let job: RebuildJob;
    try {
      job = await this.commandBus.execute<RebuildReadModelsCommand, RebuildJob>(
        new RebuildReadModelsCommand(body.projections, principal.id),
      );
    } catch (error) {
      throw toHttpError(error);
    }
    void reply.header('location', `/read-models/rebuilds/${job.id}`);
    return job;
  }
}
