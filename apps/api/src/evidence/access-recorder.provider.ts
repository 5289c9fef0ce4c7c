import type { Provider } from '@nestjs/common';
import type { EventStore } from '@ledger/event-store';
import { AccessRecorder } from '@ledger/ledger';
import { EVENT_STORE } from '../infrastructure/event-store.provider';

/** One AccessRecorder per process, so appends to an access stream are serialized here, not retried. */
export const accessRecorderProvider: Provider = {
  provide: AccessRecorder,
  inject: [EVENT_STORE],
  useFactory: (store: EventStore) => AccessRecorder.over(store),
};
