import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsISO8601, IsString, Matches } from 'class-validator';
import { HANDLE } from '../incidents/dto-fields';
import { incidentIdPipe } from '../incidents/incident-id.pipe';

/** A custodian: a principal's handle or a named place such as evidence-locker. */
export const Custodian = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, description, example: 'evidence-locker', pattern: HANDLE.source }),
    IsString(),
    Matches(HANDLE, { message: '$property must be a handle (letters, digits, . _ @ -; at most 64), e.g. alice or evidence-locker' }),
  );

/** A required ISO 8601 instant with a time zone. */
export const RequiredInstant = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, format: 'date-time', description }),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must include a time zone (Z or ±hh:mm)' }),
  );

/** Evidence ids are derived UUIDs; anything else in a path is a 400 naming the parameter. */
export const evidenceIdPipe = () => incidentIdPipe('evidenceId');
