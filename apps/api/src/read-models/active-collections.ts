import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import type { ReadStore } from '@ledger/read-store';
import { errorBody } from '../http/problem';
import { READ_STORE } from './read-model-tokens';

/** Finds the collection currently serving a read model (blue-green rebuilds move it). */
@Injectable()
export class ActiveCollections {
  constructor(@Inject(READ_STORE) private readonly store: ReadStore) {}

  async of(readModel: string): Promise<string> {
    const collection = await this.store.getActiveCollection(readModel);
    if (collection === undefined) {
      throw new ServiceUnavailableException(
        errorBody(503, `The ${readModel} read model is not built yet; retry shortly`),
      );
    }
    return collection;
  }
}
