import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** A required, non-blank string of at most `max` characters. */
export const Text = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, maxLength: max, description }),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(max),
  );

export const OptionalText = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: max, description }),
    IsOptional(),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(max),
  );

/** A principal handle or team name. */
export const HANDLE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** An ISO 8601 instant with a time zone (Z or an offset), so it is never ambiguous. */
export const Instant = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', description }),
    IsOptional(),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must include a time zone (Z or ±hh:mm)' }),
  );

/** Every command body may say when the action happened; the server refuses times in the future. */
export class OccurredAtDto {
  @Instant('When the action happened; defaults to now; never in the future.')
  occurredAt?: string;
}
