import { HttpException, Inject, Injectable } from '@nestjs/common';
import { errorBody } from '../http/problem';
import { READ_MODEL_PROGRESS, type ReadModelProgress } from './read-model-tokens';

/** How long a query waits for the projector to reach ?minPosition= before answering 503. */
export const READ_YOUR_WRITES_TIMEOUT_MS = 2_000;

/** Read-your-writes: holds a query until the read models include the position a command returned. */
@Injectable()
export class ReadModelGate {
  constructor(@Inject(READ_MODEL_PROGRESS) private readonly progress: ReadModelProgress) {}

  async reach(minPosition: string | undefined): Promise<void> {
    if (minPosition === undefined) return;
    const reached = await this.progress.waitForPosition(BigInt(minPosition), READ_YOUR_WRITES_TIMEOUT_MS);
    if (!reached) {
      throw new HttpException(
        errorBody(503, `The read models have not reached position ${minPosition} yet; retry shortly`, {
          minPosition,
        }),
        503,
        { cause: 'read-model-lag' },
      );
    }
  }
}
