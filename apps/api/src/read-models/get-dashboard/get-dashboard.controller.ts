import { Controller, Get, Query } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SystemClock } from '../../infrastructure/system-clock';
import { ReadModelGate } from '../read-model-gate';
import { type Dashboard, DashboardService } from './dashboard.service';
import { GetDashboardQueryDto } from './get-dashboard.query.dto';

@ApiTags('queries')
@ApiBearerAuth()
@Controller('dashboard')
export class GetDashboardController {
  constructor(
    private readonly dashboard: DashboardService,
    private readonly gate: ReadModelGate,
    private readonly clock: SystemClock,
  ) {}

  /** Counts, open incidents by age, time-to metrics (mean, median, p90 per period), SLA breaches and the review backlog. */
  @Requires('incident:read')
  @Get()
  @ApiOkResponse({ description: 'The dashboard as of now' })
  async get(@Query() query: GetDashboardQueryDto): Promise<Dashboard> {
    await this.gate.reach(query.minPosition);
    return this.dashboard.build(query.period ?? 'week', query.periods ?? 12, this.clock.now());
  }
}
