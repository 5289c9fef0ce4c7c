import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { PRINCIPAL_HANDLE } from '../../auth/ledger-principals';
import type { Role } from '../../auth/role-matrix';
import { ExpiresInDays, Roles, Teams } from '../principal-fields';

export class RegisterPrincipalDto {
  @ApiProperty({ description: 'Unique handle (case-insensitively); assignees refer to principals by it', example: 'alice' })
  @IsString()
  @Matches(PRINCIPAL_HANDLE, { message: '$property must be a handle (letters, digits, . _ @ -; at most 64)' })
  name!: string;

  @Roles()
  roles!: Role[];

  @Teams(false)
  teams?: string[];

  @ExpiresInDays()
  expiresInDays?: number;
}
