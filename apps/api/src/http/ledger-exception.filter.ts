import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-mapping';

/** The single place errors become HTTP answers. */
@Catch()
export class LedgerExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    sendError(reply, request, exception, this.logger);
  }
}

export const sendError = (reply: FastifyReply, request: FastifyRequest, exception: unknown, logger: Logger): void => {
  const response = toErrorResponse(exception);
  if (response.unexpected) {
    logger.error(
      `${request.method} ${request.url} failed (request ${request.id})`,
      exception instanceof Error ? exception.stack : String(exception),
    );
  }
  if (reply.sent) return;
  for (const [name, value] of Object.entries(response.headers ?? {})) void reply.header(name, value);
  void reply.status(response.status).send({ ...response.body, requestId: request.id });
};
