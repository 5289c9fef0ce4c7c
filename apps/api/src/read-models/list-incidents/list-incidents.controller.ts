import { Controller, Get, Inject, Query } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { INCIDENT_SUMMARY, type IncidentSummary } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { SystemClock } from '../../infrastructure/system-clock';
import { ActiveCollections } from '../active-collections';
import { toSummaryView } from '../incident-summary-view';
import { ReadModelGate } from '../read-model-gate';
import { READ_STORE } from '../read-model-tokens';
import { buildListIncidentsQuery } from './list-incidents.query';
import { ListIncidentsQueryDto } from './list-incidents.query.dto';

@ApiTags('queries')
@ApiBearerAuth()
@Controller('incidents')
export class ListIncidentsController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly collections: ActiveCollections,
    private readonly gate: ReadModelGate,
    private readonly clock: SystemClock,
  ) {}

  /** Lists incidents from the projected summaries, filtered and paged by cursor. */
  @Requires('incident:read')
  @Get()
  @ApiOkResponse({ description: '{ items, total, nextCursor }' })
  @ApiServiceUnavailableResponse({ description: 'The read models have not reached ?minPosition= in time' })
  async list(
    @Query() query: ListIncidentsQueryDto,
  ): Promise<{ items: Record<string, unknown>[]; total: number; nextCursor: string | null }> {
    await this.gate.reach(query.minPosition);
    const now = this.clock.now();
    const page = await this.store.find<IncidentSummary & { id: string }>(
      await this.collections.of(INCIDENT_SUMMARY),
      buildListIncidentsQuery(query, now),
    );
    return {
      items: page.items.map((summary) => toSummaryView(summary, now)),
      total: page.total ?? page.items.length,
      nextCursor: page.nextCursor,
    };
  }
}
