import { type DynamicModule, type LogLevel, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomUUID } from 'node:crypto';
import { AppModule } from './app.module';
import type { LedgerConfig } from './config/ledger-config';
import { applyHttpHardening, HardeningModule, type HardeningConfig, loadHardeningConfig, serverHardeningOptions } from './hardening';
import { LedgerExceptionFilter } from './http/ledger-exception.filter';
import { ledgerValidationPipe } from './http/validation';

const LOG_LEVELS: Record<LedgerConfig['logLevel'], LogLevel[] | false> = {
  silent: false,
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  log: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
};

/** The API with the hardening in front of it. */
@Module({})
class HardenedLedgerModule {}

const rootModule = (config: LedgerConfig, hardening: HardeningConfig): DynamicModule => ({
  module: HardenedLedgerModule,
  // First, so its rate-limit guard runs before authentication (and limits bad tokens per IP).
  imports: [HardeningModule.forRoot(hardening), AppModule.forRoot(config)],
});

/**
 * Builds the API application (not yet listening); used by main and by the e2e tests.
 * `hardening` defaults to the limits in the environment (LEDGER_RATE_LIMIT…, see docs/hardening.md).
 */
export const createLedgerApp = async (
  config: LedgerConfig,
  hardening: HardeningConfig = loadHardeningConfig(),
): Promise<NestFastifyApplication> => {
  const adapter = new FastifyAdapter({
    bodyLimit: config.bodyLimit,
    genReqId: () => randomUUID(),
    routerOptions: { maxParamLength: 200 },
    ...serverHardeningOptions(hardening),
  });
  const app = await NestFactory.create<NestFastifyApplication>(rootModule(config, hardening), adapter, {
    logger: LOG_LEVELS[config.logLevel],
    abortOnError: false,
    // JSON only, through the hardened parser: any other body type is a 415.
    bodyParser: false,
  });
  app.useGlobalPipes(ledgerValidationPipe());
  app.useGlobalFilters(new LedgerExceptionFilter());
  // Before any route exists (the docs below, the controllers at init), so every route gets it.
  await applyHttpHardening(app, hardening, config.bodyLimit);
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
