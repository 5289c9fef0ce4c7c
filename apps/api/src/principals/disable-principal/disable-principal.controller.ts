import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type PrincipalCommandContext, PrincipalAdministration, type PrincipalDetails } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { AdminRequest } from '../admin-request';
import { principalIdPipe, ReasonDto } from '../principal-fields';
import { PrincipalRefusalsInterceptor } from '../principal-refusals.interceptor';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
@UseInterceptors(PrincipalRefusalsInterceptor)
export class DisablePrincipalController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Disables the principal: every one of its tokens is refused (401) until it is enabled again. */
  @Requires('principal:manage')
  @Post(':id/disable')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The principal after the change (no event when nothing changed)' })
  disable(
    @Param('id', principalIdPipe()) principalId: string,
    @Body() body: ReasonDto,
    @AdminRequest() admin: PrincipalCommandContext,
  ): Promise<PrincipalDetails> {
    return this.principals.setDisabled(principalId, true, body.reason, admin);
  }
}
