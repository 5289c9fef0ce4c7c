import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INCIDENT_STATUSES, PRIORITY_CODES, RSIT_TAXONOMY } from '@ledger/domain';
import { Instant } from '../../incidents/dto-fields';
import { MinPosition, OneOrMoreHandles, OneOrMoreOf } from '../query-fields';

export const INCIDENT_SORTS = [
  'openedAt',
  '-openedAt',
  'lastEventAt',
  '-lastEventAt',
  'priority',
  '-priority',
  'closedAt',
  '-closedAt',
] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

export class ListIncidentsQueryDto {
  @OneOrMoreOf(INCIDENT_STATUSES, 'Current status')
  status?: string[];

  @OneOrMoreOf(PRIORITY_CODES, 'Priority')
  priority?: string[];

  @OneOrMoreOf(
    RSIT_TAXONOMY.classes.map((taxonomyClass) => taxonomyClass.slug),
    'RSIT class',
  )
  category?: string[];

  @OneOrMoreHandles('Assignee handle')
  assignee?: string[];

  @OneOrMoreHandles('Reporter handle')
  reporter?: string[];

  @Instant('Opened at or after')
  openedFrom?: string;

  @Instant('Opened before')
  openedTo?: string;

  @Instant('Closed at or after')
  closedFrom?: string;

  @Instant('Closed before')
  closedTo?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'In breach of an SLA target now' })
  @IsOptional()
  @IsIn(['true', 'false'])
  slaBreached?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'Case-insensitive text in the title', maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: INCIDENT_SORTS, default: '-openedAt', description: "'-' for descending" })
  @IsOptional()
  @IsIn(INCIDENT_SORTS)
  sort?: IncidentSort;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  cursor?: string;

  @MinPosition()
  minPosition?: string;
}
