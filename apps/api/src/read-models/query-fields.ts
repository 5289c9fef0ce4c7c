import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';

/** `?status=assigned,contained` and `?status=assigned&status=contained` both become an array. */
const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter((item) => item !== '') : value;

/** A query parameter that takes one or more of a closed set of values. */
export const OneOrMoreOf = (values: readonly string[], description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: `${description}; comma-separated or repeated`, enum: values, isArray: true }),
    IsOptional(),
    Transform(toList),
    IsArray(),
    ArrayMaxSize(values.length),
    IsIn(values, { each: true }),
  );

/** A query parameter that takes one or more handles (assignee, reporter). */
export const OneOrMoreHandles = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({ description: `${description}; comma-separated or repeated`, type: [String] }),
    IsOptional(),
    Transform(toList),
    IsArray(),
    ArrayMaxSize(50),
    Matches(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, { each: true, message: 'each value in $property must be a handle' }),
  );

/** A global position to wait for (read-your-writes), as returned by every command. */
export const MinPosition = (): PropertyDecorator =>
  applyDecorators(
    ApiPropertyOptional({
      description: 'Wait (briefly) until the read models include this global position; 503 if they do not in time',
      example: '42',
    }),
    IsOptional(),
    Matches(/^\d{1,19}$/, { message: '$property must be a global position (a non-negative integer)' }),
  );
