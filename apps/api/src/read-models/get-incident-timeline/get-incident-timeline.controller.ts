import { Controller, Get, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { Requires } from '../../auth/permissions';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { INCIDENT_TIMELINE, type TimelineEntry } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { errorBody } from '../../http/problem';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { ActiveCollections } from '../active-collections';
import { ReadModelGate } from '../read-model-gate';
import { READ_STORE } from '../read-model-tokens';
import { GetIncidentTimelineQueryDto } from './get-incident-timeline.query.dto';

@ApiTags('queries')
@ApiBearerAuth()
@Controller('incidents')
export class GetIncidentTimelineController {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    private readonly collections: ActiveCollections,
    private readonly gate: ReadModelGate,
  ) {}

  /** One entry per event, in order: who, what, when it occurred and was recorded, and what changed. */
  @Requires('incident:read')
  @Get(':id/timeline')
  @ApiOkResponse({ description: '{ id, items, nextCursor }' })
  @ApiNotFoundResponse()
  async timeline(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Query() query: GetIncidentTimelineQueryDto,
  ): Promise<{ id: string; items: TimelineEntry[]; nextCursor: string | null }> {
    await this.gate.reach(query.minPosition);
    const page = await this.store.find<TimelineEntry & { id: string }>(await this.collections.of(INCIDENT_TIMELINE), {
      filter: [{ field: 'incidentId', op: 'eq', value: incidentId }],
      sort: [{ field: 'sequence', direction: 'asc' }],
      limit: query.limit ?? 500,
      ...(query.cursor === undefined ? {} : { cursor: query.cursor }),
    });
    if (page.items.length === 0 && query.cursor === undefined) {
      throw new NotFoundException(errorBody(404, `No timeline for incident ${incidentId}`, { incidentId }));
    }
    return { id: incidentId, items: page.items, nextCursor: page.nextCursor };
  }
}
