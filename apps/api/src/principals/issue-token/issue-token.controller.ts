import { Body, Controller, HttpCode, Param, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type IssuedToken, type PrincipalCommandContext, PrincipalAdministration } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { AdminRequest } from '../admin-request';
import { principalIdPipe } from '../principal-fields';
import { PrincipalRefusalsInterceptor } from '../principal-refusals.interceptor';
import { IssueTokenDto } from './issue-token.dto';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
@UseInterceptors(PrincipalRefusalsInterceptor)
export class IssueTokenController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Issues another token (e.g. to rotate: issue, hand over, revoke the old one). Shown once. */
  @Requires('principal:manage')
  @Post(':id/tokens')
  @HttpCode(201)
  @ApiCreatedResponse({ description: '{ principalId, tokenId, token, expiresAt }; the token is shown once' })
  async issue(
    @Param('id', principalIdPipe()) principalId: string,
    @Body() body: IssueTokenDto,
    @AdminRequest() admin: PrincipalCommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<IssuedToken> {
    const issued = await this.principals.issueToken(principalId, body.expiresInDays, admin);
    void reply.header('cache-control', 'no-store');
    return issued;
  }
}
