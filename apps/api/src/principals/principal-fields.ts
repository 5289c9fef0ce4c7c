import { applyDecorators, BadRequestException, type PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MaxLength } from 'class-validator';
import { MAX_TEAMS, MAX_TOKEN_DAYS, PRINCIPAL_HANDLE } from '../auth/ledger-principals';
import { ROLES } from '../auth/role-matrix';
import { errorBody } from '../http/problem';
import { UUID_PATTERN } from '../http/uuid';

/** One or more known roles. */
export const Roles = (): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: [String], enum: ROLES, example: ['handler'] }),
    IsArray(),
    ArrayMinSize(1),
    ArrayMaxSize(ROLES.length),
    IsIn(ROLES, { each: true, message: `each value in $property must be one of ${ROLES.join(', ')}` }),
  );

/** Team handles (handlers act on incidents assigned to one of their teams). */
export const Teams = (required: boolean): PropertyDecorator =>
  applyDecorators(
    required ? ApiProperty({ type: [String], example: ['soc-tier2'] }) : ApiPropertyOptional({ type: [String], example: ['soc-tier2'] }),
    ...(required ? [] : [IsOptional()]),
    IsArray(),
    ArrayMaxSize(MAX_TEAMS),
    IsString({ each: true }),
    Matches(PRINCIPAL_HANDLE, { each: true, message: '$property must be team handles (letters, digits, . _ @ -; at most 64)' }),
  );

export const ExpiresInDays = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ minimum: 1, maximum: MAX_TOKEN_DAYS, description: 'Days until the token expires; default: never' }),
    IsOptional(),
    IsInt(),
    Min(1),
    Max(MAX_TOKEN_DAYS),
  );

/** Why an admin disabled, enabled or revoked; recorded in the event. */
export class ReasonDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

const PRINCIPAL_ID = /^[A-Za-z0-9][A-Za-z0-9._@:-]{0,127}$/;

const idPipe = (field: string, pattern: RegExp, reason: string): PipeTransform<string, string> => ({
  transform: (value: string) => {
    if (pattern.test(value)) return value;
    throw new BadRequestException(errorBody(400, `Invalid ${field}`, { errors: [{ field, reason }] }));
  },
});

export const principalIdPipe = (): PipeTransform<string, string> =>
  idPipe('id', PRINCIPAL_ID, 'must be a principal id (letters, digits, . _ @ : -; at most 128)');
export const tokenIdPipe = (): PipeTransform<string, string> => idPipe('tokenId', UUID_PATTERN, 'must be a UUID');
