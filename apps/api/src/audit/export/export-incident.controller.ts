import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LedgerExporter } from '@ledger/audit';
import { Requires } from '../../auth/permissions';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { ExportQueryDto } from './export-query.dto';
import { type ExportRequester, Requester } from './export-request';
import { sendExportFile, toHttpError } from './export-response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('incidents')
export class ExportIncidentController {
  constructor(private readonly exporter: LedgerExporter) {}

  /** One incident as a signed JSON bundle, a CSV of its events or a PDF report; recorded as an access record. */
  @Requires('audit:export')
  @Get(':id/export')
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The export as an attachment (Content-Disposition names the incident and the UTC time)' })
  @ApiNotFoundResponse()
  async export(
    @Param('id', incidentIdPipe()) incidentId: string,
    @Query() query: ExportQueryDto,
    @Requester() requester: ExportRequester,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    try {
      const file = await this.exporter.export({
        scope: { incidentId },
        format: query.format ?? 'json',
        ...requester,
        ...(query.reason !== undefined && { reason: query.reason }),
      });
      return sendExportFile(reply, file);
    } catch (error) {
      throw toHttpError(error);
    }
  }
}
