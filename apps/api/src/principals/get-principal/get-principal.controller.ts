import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { PrincipalAdministration, type PrincipalDetails } from '../../auth/ledger-principals';
import { Requires } from '../../auth/permissions';
import { errorBody } from '../../http/problem';
import { principalIdPipe } from '../principal-fields';

@ApiTags('principals')
@ApiBearerAuth()
@Controller('principals')
export class GetPrincipalController {
  constructor(private readonly principals: PrincipalAdministration) {}

  /** One principal with its tokens (ids, expiry, revocation; never digests) and its history from the events. */
  @Requires('principal:manage')
  @Get(':id')
  @ApiOkResponse({ description: 'The principal, its tokens, its role history and every event about it' })
  @ApiNotFoundResponse()
  async get(@Param('id', principalIdPipe()) principalId: string): Promise<PrincipalDetails> {
    const details = await this.principals.get(principalId);
    if (!details) throw new NotFoundException(errorBody(404, `Principal ${principalId} not found`, { reason: 'PrincipalNotFound' }));
    return details;
  }
}
