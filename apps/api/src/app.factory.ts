import type { LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config/ledger-config';
import { LedgerExceptionFilter } from './http/ledger-exception.filter';
import { ledgerValidationPipe } from './http/validation';

const LOG_LEVELS: Record<LedgerConfig['logLevel'], LogLevel[] | false> = {
  silent: false,
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** Builds the API application (not yet listening); used by main and by the e2e tests. */
export const createLedgerApp = async (config: LedgerConfig): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: LOG_LEVELS[config.logLevel],
    abortOnError: false,
  });
  app.useGlobalPipes(ledgerValidationPipe());
  app.useGlobalFilters(new LedgerExceptionFilter());
  // JSON only: any other body type is a 415, not a string that fails validation in confusing ways.
  app.getHttpAdapter().getInstance().removeContentTypeParser(['text/plain']);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Incident Ledger')
      .setDescription('Event-sourced, tamper-evident security-incident ledger')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
};
