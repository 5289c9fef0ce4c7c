import { BadRequestException, NotFoundException } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition, type ExportFile, ExportSubjectNotFoundError, InvalidExportRequestError } from '@ledger/audit';
import { errorBody } from '../../http/problem';

/** Sends an export as a download: its type, an attachment name, and no caching of evidence anywhere. */
export const sendExportFile = (reply: FastifyReply, file: ExportFile): Buffer => {
  void reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachmentDisposition(file.fileName))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  return file.body;
};

/** The exporter's refusals as HTTP errors; anything else goes to the global filter. */
export const toHttpError = (error: unknown): unknown => {
  if (error instanceof ExportSubjectNotFoundError) {
    return new NotFoundException(errorBody(404, error.message, { incidentId: error.incidentId }));
  }
  if (error instanceof InvalidExportRequestError) {
    return new BadRequestException(errorBody(400, error.message, { errors: [{ field: error.field, reason: error.message }] }));
  }
  return error;
};
