import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@ledger/event-store';
import { accessStream, type ChainVerification, type IncidentHistory, verifyStreamChain } from '@ledger/ledger';
import { Requires } from '../../auth/permissions';
import { LoadIncidentQuery } from '../../incidents/load-incident.query';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { EVENT_STORE } from '../../infrastructure/event-store.provider';

/** A stored access record as JSON: revisions and positions as decimal strings, envelope as stored. */
type AccessRecordJson = Readonly<{
  eventId: string;
  type: string;
  stream: string;
  revision: string;
  position: string;
  data: unknown;
  metadata: unknown;
}>;

type ChainJson = Readonly<{ ok: boolean; events: number; headHash?: string; break?: Record<string, string> }>;

const chainJson = (verification: ChainVerification): ChainJson =>
  verification.ok
    ? { ok: true, events: verification.events, headHash: verification.headHash }
    : {
        ok: false,
        events: verification.events,
        break: { ...verification.break, revision: verification.break.revision.toString() },
      };

@ApiTags('audit')
@ApiBearerAuth()
@Controller('incidents')
export class ListAccessRecordsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * Who viewed this incident's evidence or exported it, and why: its access stream as stored, oldest first,
   * with the result of verifying that stream's hash chain. Records are events with envelopes, so a client
   * can verify the chain itself. Listing them is not itself recorded.
   */
  @Requires('audit:access-records')
  @Get(':id/access-records')
  @ApiOkResponse({ description: 'The access records (data: action, subject, reason, format; metadata: actor, times, hashes)' })
  @ApiNotFoundResponse({ description: 'Unknown incident' })
  async list(
    @Param('id', incidentIdPipe()) incidentId: string,
  ): Promise<{ incidentId: string; stream: string; chain: ChainJson; records: AccessRecordJson[] }> {
    // 404 for an incident that does not exist, as for every other incident route.
    await this.queries.execute<LoadIncidentQuery, IncidentHistory>(new LoadIncidentQuery(incidentId));
    const stream = accessStream(incidentId);
    const events = await this.store.readStream(stream);
    return {
      incidentId,
      stream,
      chain: chainJson(verifyStreamChain(stream, events)),
      records: events.map((event) => ({
        eventId: event.eventId,
        type: event.type,
        stream: event.stream,
        revision: event.revision.toString(),
        position: event.position.toString(),
        data: event.data,
        metadata: event.metadata,
      })),
    };
  }
}
