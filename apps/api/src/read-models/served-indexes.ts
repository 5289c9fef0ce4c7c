import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { defaultIndexesFor, isCollectionOfVersion } from '@ledger/projector';
import { INCIDENT_PROJECTIONS } from '@ledger/projections';
import type { ReadStore } from '@ledger/read-store';
import { READ_STORE } from './read-model-tokens';

/**
 * At start-up, before the API serves a query, creates on every active read-model collection the
 * index of each query it serves (READ_MODEL_INDEXES). The projector does the same, but it may run
 * elsewhere (LEDGER_PROJECTOR=external) or be an older release than this API. Idempotent: an index
 * that exists is left alone.
 */
@Injectable()
export class ServedIndexes implements OnModuleInit {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  async onModuleInit(): Promise<void> {
    for (const projection of INCIDENT_PROJECTIONS) {
      const active = await this.store.getActiveCollection(projection.name);
      // None yet: the projector creates the collection with its indexes before it becomes active.
      // Another version's (a rolling deploy): its own release indexes it; ours could replace them.
      if (active !== undefined && isCollectionOfVersion(projection, active)) {
        await this.store.ensureCollection(active, defaultIndexesFor(projection));
      }
    }
  }
}
