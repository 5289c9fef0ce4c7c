import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { LedgerVerifier } from '@ledger/audit';
import { Requires } from '../../auth/permissions';
import { errorBody } from '../../http/problem';
import { incidentIdPipe } from '../../incidents/incident-id.pipe';
import { toVerificationJson } from './verification-json';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('incidents')
export class VerifyIncidentController {
  constructor(private readonly verifier: LedgerVerifier) {}

  /**
   * Verifies one incident: its chain from genesis, and that the newest checkpoint listing it signed a head
   * the stream still holds. 200 with `ok: false` when it does not verify; 404 when the ledger never had it.
   */
  @Requires('audit:verify')
  @Get(':id/verification')
  @ApiOkResponse({ description: 'ok, chain head, checkpoint coverage and the first broken link (if any)' })
  @ApiNotFoundResponse()
  async verify(@Param('id', incidentIdPipe()) incidentId: string): Promise<Record<string, unknown>> {
    const result = await this.verifier.verifyIncident(incidentId);
    if (!result.exists) {
      throw new NotFoundException(errorBody(404, `Incident ${incidentId} not found`, { incidentId }));
    }
    return toVerificationJson(result);
  }
}
