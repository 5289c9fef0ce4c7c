import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@ledger/event-store';
import { Public } from '../auth/public.decorator';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config';
import { EVENT_STORE } from '../infrastructure/event-store.provider';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
  ) {}

  /** Liveness and the event store's head; 503 (via the error filter) when the store is unreachable. */
  @Public()
  @Get()
  @ApiOkResponse({ description: 'The ledger is up and its event store answers' })
  async health(): Promise<Record<string, string>> {
    const head = await this.store.headPosition();
    return { status: 'ok', eventStore: this.config.eventStore, headPosition: head.toString() };
  }
}
