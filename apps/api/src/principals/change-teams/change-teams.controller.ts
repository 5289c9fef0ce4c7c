import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type PrincipalCommandContext, PrincipalAdministration, type PrincipalDetails } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { AdminRequest } from '../admin-request';
import { principalIdPipe } from '../principal-fields';
import { PrincipalRefusalsInterceptor } from '../principal-refusals.interceptor';
import { ChangeTeamsDto } from './change-teams.dto';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
@UseInterceptors(PrincipalRefusalsInterceptor)
export class ChangeTeamsController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Replaces the principal's team memberships (handlers act on incidents assigned to their teams). */
  @Requires('principal:manage')
  @Post(':id/teams')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The principal after the change' })
  change(
    @Param('id', principalIdPipe()) principalId: string,
    @Body() body: ChangeTeamsDto,
    @AdminRequest() admin: PrincipalCommandContext,
  ): Promise<PrincipalDetails> {
    return this.principals.changeTeams(principalId, body.teams, admin);
  }
}
