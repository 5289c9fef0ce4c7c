import { Module } from '@nestjs/common';
import { PrincipalAdministration, type PrincipalDirectory } from '../auth/ledger-principals';
import { PRINCIPAL_DIRECTORY } from '../auth/principal';
import { ROLES } from '../auth/role-matrix';
import { ChangeRolesController } from './change-roles/change-roles.controller';
import { ChangeTeamsController } from './change-teams/change-teams.controller';
import { DisablePrincipalController } from './disable-principal/disable-principal.controller';
import { EnablePrincipalController } from './enable-principal/enable-principal.controller';
import { GetMeController } from './get-me/get-me.controller';
import { GetPrincipalController } from './get-principal/get-principal.controller';
import { IssueTokenController } from './issue-token/issue-token.controller';
import { ListPrincipalsController } from './list-principals/list-principals.controller';
import { RegisterPrincipalController } from './register-principal/register-principal.controller';
import { RevokeTokenController } from './revoke-token/revoke-token.controller';

/** Principals and tokens as events in `ledger-principals`: one folder per use case. */
@Module({
  controllers: [
    GetMeController,
    RegisterPrincipalController,
    ListPrincipalsController,
    GetPrincipalController,
    ChangeRolesController,
    ChangeTeamsController,
    DisablePrincipalController,
    EnablePrincipalController,
    IssueTokenController,
    RevokeTokenController,
  ],
  providers: [
    {
      provide: PrincipalAdministration,
      inject: [PRINCIPAL_DIRECTORY],
      useFactory: (directory: PrincipalDirectory) => new PrincipalAdministration(directory, { knownRoles: new Set(ROLES) }),
    },
  ],
})
export class PrincipalsModule {}
