import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PrincipalAdministration, type PrincipalSummary } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
export class ListPrincipalsController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Every principal: configured ones (bootstrap admin, principals file) and those managed here. Never tokens or digests. */
  @Requires('principal:manage')
  @Get()
  @ApiOkResponse({ description: '{ principals: [{ id, name, roles, teams, disabled, source }] }' })
  async list(): Promise<{ principals: PrincipalSummary[] }> {
    return { principals: await this.principals.list() };
  }
}
