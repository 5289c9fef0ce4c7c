import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { LedgerExporter } from '@ledger/audit';
import { Requires } from '../../auth/permissions';
import { ExportRangeQueryDto } from './export-query.dto';
import { type ExportRequester, Requester } from './export-request';
import { sendExportFile, toHttpError } from './export-response';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('exports')
export class ExportRangeController {
  constructor(private readonly exporter: LedgerExporter) {}

  /**
   * Every incident with an event recorded in [from, to), each with its full stream (so every chain
   * verifies from genesis); recorded as an access record.
   */
  @Requires('audit:export')
  @Get()
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ description: 'The export as an attachment' })
  @ApiBadRequestResponse({ description: 'from/to missing, without a time zone, or from not before to' })
  async export(
    @Query() query: ExportRangeQueryDto,
    @Requester() requester: ExportRequester,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<Buffer> {
    try {
      const file = await this.exporter.export({
        scope: { from: new Date(query.from).toISOString(), to: new Date(query.to).toISOString() },
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
