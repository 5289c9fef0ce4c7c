import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/**
 * Text without control characters other than tab, CR and LF: NUL, escapes (terminal injection when
 * the CLI prints an incident), DEL and C1 controls are never meaningful in what people write.
 */
export const FREE_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]*$/;

/** One line of text: no control characters at all. */
export const ONE_LINE = /^[^\u0000-\u001F\u007F-\u009F]*$/;

/** Refuses control characters (see FREE_TEXT); `each` for arrays of strings. */
export const NoControlCharacters = (pattern: RegExp = FREE_TEXT, each = false): PropertyDecorator =>
  Matches(pattern, {
    each,
    message: `${each ? 'each value in ' : ''}$property must not contain control characters${pattern === ONE_LINE ? ' or line breaks' : ''}`,
  });

/**
 * An optional field: absent is fine, null is not (IsOptional would let null through to the domain).
 * A client that means "no value" leaves the field out.
 */
export const Optional = (): PropertyDecorator => ValidateIf((_object: object, value: unknown) => value !== undefined);

/** A required, non-blank string of at most `max` characters; `line` for one line only (titles). */
export const Text = (max: number, description?: string, line = false): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, maxLength: max, description }),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(max),
    NoControlCharacters(line ? ONE_LINE : FREE_TEXT),
  );

export const OptionalText = (max: number, description?: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, maxLength: max, description }),
    Optional(),
    IsString(),
    Matches(/\S/, { message: '$property must not be blank' }),
    MaxLength(max),
    NoControlCharacters(),
  );

/** A principal handle or team name. */
export const HANDLE = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** An ISO 8601 instant with a time zone (Z or an offset), so it is never ambiguous. */
export const Instant = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ type: String, format: 'date-time', description }),
    Optional(),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must include a time zone (Z or ±hh:mm)' }),
  );

/** Every command body may say when the action happened; the server refuses times in the future. */
export class OccurredAtDto {
  @Instant('When the action happened; defaults to now; never in the future.')
  occurredAt?: string;
}
