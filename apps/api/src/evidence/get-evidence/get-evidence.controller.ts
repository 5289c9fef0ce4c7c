import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AccessRecorder, type IncidentHistory } from '@ledger/ledger';
import { Requires } from '../../auth/permissions';
import { errorBody } from '../../http/problem';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { LoadIncidentQuery } from '../../incidents/load-incident.query';
import { type EvidenceDetailsJson, evidenceOf } from '../custody-chain';
import { evidenceIdPipe } from '../evidence-fields';
import { ReadRequest, type ReadRequestInfo } from '../read-request';
import { GetEvidenceQueryDto } from './get-evidence.query.dto';

@ApiTags('evidence')
@ApiBearerAuth()
@Controller('incidents')
export class GetEvidenceController {
  constructor(
    private readonly queries: QueryBus,
    private readonly recorder: AccessRecorder,
  ) {}

  /**
   * Everything recorded about one item, including where it is kept. Every such read is itself recorded
   * (who, when, ?reason=) in the incident's access stream before the answer is sent: if it cannot be
   * recorded, nothing is shown.
   */
  @Requires('evidence:read')
  @Get(':id/evidence/:evidenceId')
  @ApiOkResponse({ description: 'The item with its chain of custody; the read is recorded as an access record' })
  @ApiNotFoundResponse({ description: 'Unknown incident or item' })
  async get(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Param('evidenceId', evidenceIdPipe()) evidenceId: string,
    @Query() query: GetEvidenceQueryDto,
    @ReadRequest() request: ReadRequestInfo,
  ): Promise<EvidenceDetailsJson> {
    const history = await this.queries.execute<LoadIncidentQuery, IncidentHistory>(new LoadIncidentQuery(incidentId));
    const item = evidenceOf(history.events).find((candidate) => candidate.evidenceId === evidenceId);
    if (item === undefined) {
      const message = `Incident '${incidentId}' has no evidence '${evidenceId}'`;
      throw new NotFoundException(errorBody(404, message, { incidentId, evidenceId }));
    }
    const { principal } = request;
    await this.recorder.record({
      incidentId,
      actor: { id: principal.id, name: principal.name },
      action: 'evidence.view',
      subject: { kind: 'evidence', id: evidenceId },
      ...(query.reason !== undefined && { reason: query.reason }),
      correlationId: request.correlationId,
      ...(request.causationId !== undefined && { causationId: request.causationId }),
    });
    return item;
  }
}
