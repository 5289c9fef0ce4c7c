import {
  type BeforeApplicationShutdown,
  type DynamicModule,
  Inject,
  Injectable,
  Logger,
  Module,
  type OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { CheckpointProgress, describeError, Projector, type ProjectorLogger } from '@ledger/projector';
import { openReadStore, type ReadStore } from '@ledger/read-store';
import type { LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE } from '../infrastructure/event-store.provider';
import { ActiveCollections } from './active-collections';
import { DashboardService } from './get-dashboard/dashboard.service';
import { GetDashboardController } from './get-dashboard/get-dashboard.controller';
import { GetIncidentTimelineController } from './get-incident-timeline/get-incident-timeline.controller';
import { ListIncidentsController } from './list-incidents/list-incidents.controller';
import { ReadModelGate } from './read-model-gate';
import { PROJECTOR, READ_MODEL_PROGRESS, READ_STORE } from './read-model-tokens';
import { ReadModelsStatusController } from './read-models-status.controller';
import { ServedIndexes } from './served-indexes';
import { GetRebuildJobsController } from './rebuild-read-models/get-rebuild-jobs.controller';
import { inProcessRebuildRunner } from './rebuild-read-models/in-process-rebuild-runner';
import { REBUILD_RUNNER } from './rebuild-read-models/rebuild-job';
import { RebuildJobRecords } from './rebuild-read-models/rebuild-job-records';
import { RebuildJobs } from './rebuild-read-models/rebuild-jobs';
import { RebuildReadModelsController } from './rebuild-read-models/rebuild-read-models.controller';
import { RebuildReadModelsHandler } from './rebuild-read-models/rebuild-read-models.handler';

/** Nest's Logger has the same shape as the projector's: log, warn, error(message, trace). */
const nestProjectorLogger = (context: string): ProjectorLogger => {
  const logger = new Logger(context);
  return {
    log: (message) => logger.log(message),
    warn: (message) => logger.warn(message),
    error: (message, error) => logger.error(`${message}${error === undefined ? '' : `: ${describeError(error)}`}`),
  };
};

/** Stops the in-process projector before the stores close, then closes the read store. */
@Injectable()
class ReadModelsLifecycle implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Optional() @Inject(PROJECTOR) private readonly projector: Projector | null,
  ) {}

  async beforeApplicationShutdown(): Promise<void> {
    await this.projector?.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.readStore.close();
  }
}

/**
 * The analysts' read models: the read store (embedded SQLite or MongoDB), the projector that keeps
 * it current (in this process unless LEDGER_PROJECTOR=external), the query routes, and blue-green
 * rebuilds started over HTTP.
 */
@Module({})
export class ReadModelsModule {
  static forRoot(config: LedgerConfig): DynamicModule {
    return {
      module: ReadModelsModule,
      controllers: [
        ListIncidentsController,
        GetIncidentTimelineController,
        GetDashboardController,
        ReadModelsStatusController,
        RebuildReadModelsController,
        GetRebuildJobsController,
      ],
      providers: [
        {
          provide: READ_STORE,
          useFactory: () =>
            config.readStore === 'mongodb'
              ? openReadStore({ kind: 'mongodb', uri: config.mongodbUri! })
              : openReadStore({ kind: 'embedded', directory: config.dataDir }),
        },
        {
          provide: PROJECTOR,
          inject: [EVENT_STORE, READ_STORE],
          useFactory: async (eventStore: EventStore, readStore: ReadStore): Promise<Projector | null> => {
            if (config.projector === 'external') return null;
            const projector = new Projector({ eventStore, readStore, logger: nestProjectorLogger('Projector') });
            await projector.start();
            return projector;
          },
        },
        {
          provide: READ_MODEL_PROGRESS,
          inject: [PROJECTOR, READ_STORE],
          useFactory: (projector: Projector | null, readStore: ReadStore) => projector ?? new CheckpointProgress(readStore),
        },
        {
          provide: REBUILD_RUNNER,
          inject: [EVENT_STORE, READ_STORE],
          useFactory: (eventStore: EventStore, readStore: ReadStore) =>
            inProcessRebuildRunner(eventStore, readStore, nestProjectorLogger('Rebuild'), config.readStore !== 'mongodb'),
        },
        // CqrsModule is global (AppModule imports CqrsModule.forRoot()): the handler is found here.
        RebuildJobRecords,
        RebuildJobs,
        RebuildReadModelsHandler,
        ServedIndexes,
        ActiveCollections,
        ReadModelGate,
        DashboardService,
        ReadModelsLifecycle,
      ],
      exports: [READ_STORE, READ_MODEL_PROGRESS],
    };
  }
}
