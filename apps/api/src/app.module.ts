import { type DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import type { LedgerConfig } from './config/ledger-config';
import { EvidenceModule } from './evidence/evidence.module';
import { HealthController } from './health/health.controller';
import { IncidentsModule } from './incidents/incidents.module';
import { LedgerModule } from './infrastructure/ledger.module';
import { PrincipalsModule } from './principals/principals.module';
import { ReadModelsModule } from './read-models/read-models.module';

/** The composition root of the API process. */
@Module({})
export class AppModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [DiscoveryModule, CqrsModule.forRoot(), LedgerModule.forRoot(config), AuthModule.forRoot(config), IncidentsModule, EvidenceModule, AuditModule, PrincipalsModule, ReadModelsModule.forRoot(config)],
      controllers: [HealthController],
    };
  }
}
