import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type PrincipalCommandContext, PrincipalAdministration, type PrincipalDetails } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { AdminRequest } from '../admin-request';
import { principalIdPipe } from '../principal-fields';
import { PrincipalRefusalsInterceptor } from '../principal-refusals.interceptor';
import { ChangeRolesDto } from './change-roles.dto';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
@UseInterceptors(PrincipalRefusalsInterceptor)
export class ChangeRolesController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Replaces the principal's roles: a PrincipalRolesChanged event with the previous roles, or nothing if unchanged. */
  @Requires('principal:manage')
  @Post(':id/roles')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The principal after the change' })
  change(
    @Param('id', principalIdPipe()) principalId: string,
    @Body() body: ChangeRolesDto,
    @AdminRequest() admin: PrincipalCommandContext,
  ): Promise<PrincipalDetails> {
    return this.principals.changeRoles(principalId, body.roles, admin);
  }
}
