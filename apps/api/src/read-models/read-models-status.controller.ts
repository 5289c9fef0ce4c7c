import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Projector } from '@ledger/projector';
import { Requires } from '../auth/permissions';
import { PROJECTOR } from './read-model-tokens';

@ApiTags('queries')
@ApiBearerAuth()
@Controller('read-models')
export class ReadModelsStatusController {
  constructor(@Optional() @Inject(PROJECTOR) private readonly projector: Projector | null) {}

  /** The projector's position, the head, and its lag (positions as decimal strings). */
  @Requires('incident:read')
  @Get('status')
  @ApiOkResponse({ description: 'Projector status and lag' })
  async status(): Promise<Record<string, unknown>> {
    if (!this.projector) return { projector: 'external' };
    const status = await this.projector.status();
    return JSON.parse(JSON.stringify(status, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
  }
}
