import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { Principal } from '../../auth/principal';
import { type Permission, Requires } from '../../auth/permissions';
import { grantsOf, type Scope } from '../../auth/role-matrix';

export type Me = Principal & Readonly<{ permissions: Array<{ permission: Permission; scopes: Scope[] }> }>;

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
export class GetMeController {
  /** The caller: its id, name, roles, teams, and what those roles let it do (and where). */
  @Requires('principal:self')
  @Get('me')
  @ApiOkResponse({ description: '{ id, name, roles, teams, permissions: [{ permission, scopes }] }' })
  me(@CurrentPrincipal() principal: Principal): Me {
    return { ...principal, permissions: grantsOf(principal.roles) };
  }
}
