import { Body, Controller, HttpCode, Param, Post, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type PrincipalCommandContext, PrincipalAdministration, type TokenView } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { AdminRequest } from '../admin-request';
import { principalIdPipe, ReasonDto, tokenIdPipe } from '../principal-fields';
import { PrincipalRefusalsInterceptor } from '../principal-refusals.interceptor';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
@UseInterceptors(PrincipalRefusalsInterceptor)
export class RevokeTokenController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Revokes one token for good (401 from then on); revoking it again changes nothing. */
  @Requires('principal:manage')
  @Post(':id/tokens/:tokenId/revoke')
  @HttpCode(200)
  @ApiOkResponse({ description: 'The token (id, expiry, revocation)' })
  @ApiNotFoundResponse({ description: 'Unknown principal, or no such token of it' })
  revoke(
    @Param('id', principalIdPipe()) principalId: string,
    @Param('tokenId', tokenIdPipe()) tokenId: string,
    @Body() body: ReasonDto,
    @AdminRequest() admin: PrincipalCommandContext,
  ): Promise<TokenView> {
    return this.principals.revokeToken(principalId, tokenId, body.reason, admin);
  }
}
