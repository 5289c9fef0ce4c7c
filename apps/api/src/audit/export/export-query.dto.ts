import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { EXPORT_FORMATS, type ExportFormat } from '@ledger/audit';
import { OptionalText } from '../../incidents/dto-fields';

/** A required ISO 8601 instant with a time zone, so a period is never ambiguous. */
const RequiredInstant = (description: string): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: String, format: 'date-time', description }),
    IsDefined({ message: '$property is required' }),
    IsISO8601({ strict: true, strictSeparator: true }),
    Matches(/(Z|[+-]\d{2}:\d{2})$/, { message: '$property must include a time zone (Z or ±hh:mm)' }),
  );

/** ?format=json|csv|pdf&reason=… */
export class ExportQueryDto {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    default: 'json',
    description: 'json: the signed bundle; csv: one row per event; pdf: the readable report',
  })
  @IsOptional()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;

  @OptionalText(500, 'Why the export is made (a case or audit reference); kept in the access record')
  reason?: string;
}

/** ?from=&to=&format=&reason=: every incident with an event recorded in [from, to). */
export class ExportRangeQueryDto extends ExportQueryDto {
  @RequiredInstant('Start of the period (inclusive), by recorded time')
  from!: string;

  @RequiredInstant('End of the period (exclusive), by recorded time')
  to!: string;
}
