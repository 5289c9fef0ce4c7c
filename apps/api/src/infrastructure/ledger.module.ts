import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { IncidentCommandExecutor, IncidentRepository } from '@ledger/ledger';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { EventStoreLifecycle } from './event-store-lifecycle';
import { EVENT_STORE, eventStoreProvider } from './event-store.provider';
import { SystemClock } from './system-clock';

/** The ledger's core services over the configured event store. */
@Global()
@Module({})
export class LedgerModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerModule,
      providers: [
        { provide: LEDGER_CONFIG, useValue: config },
        eventStoreProvider,
        EventStoreLifecycle,
        SystemClock,
        {
          provide: IncidentRepository,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) => new IncidentRepository(store),
        },
        {
          provide: IncidentCommandExecutor,
          inject: [IncidentRepository],
          useFactory: (repository: IncidentRepository) => new IncidentCommandExecutor(repository),
        },
      ],
      exports: [LEDGER_CONFIG, EVENT_STORE, SystemClock, IncidentRepository, IncidentCommandExecutor],
    };
  }
}
