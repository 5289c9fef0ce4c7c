import { Body, Controller, HttpCode, Post, Res, UseInterceptors } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type PrincipalCommandContext, PrincipalAdministration, type PrincipalSummary } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { AdminRequest } from '../admin-request';
import { PrincipalRefusalsInterceptor } from '../principal-refusals.interceptor';
import { RegisterPrincipalDto } from './register-principal.dto';

export type RegisteredPrincipal = PrincipalSummary & Readonly<{ token: string; tokenId: string; expiresAt: string | null }>;

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
@UseInterceptors(PrincipalRefusalsInterceptor)
export class RegisterPrincipalController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** Registers a principal and issues its first token. The token is in this answer only; the ledger keeps its SHA-256. */
  @Requires('principal:manage')
  @Post()
  @HttpCode(201)
  @ApiCreatedResponse({ description: '{ id, name, roles, teams, token, tokenId, expiresAt }; the token is shown once' })
  @ApiConflictResponse({ description: 'The name is taken' })
  async register(
    @Body() body: RegisterPrincipalDto,
    @AdminRequest() admin: PrincipalCommandContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisteredPrincipal> {
    const { principal, token } = await this.principals.register(body, admin);
    void reply.header('cache-control', 'no-store');
    void reply.header('location', `/principals/${principal.id}`);
    const { tokens: _tokens, roleHistory: _roles, history: _history, ...summary } = principal;
    return { ...summary, token: token.token, tokenId: token.tokenId, expiresAt: token.expiresAt };
  }
}
