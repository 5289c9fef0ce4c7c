import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { MinPosition } from '../query-fields';

export class GetDashboardQueryDto {
  @ApiPropertyOptional({ enum: ['week', 'month'], default: 'week', description: 'Granularity of the time-to metrics' })
  @IsOptional()
  @IsIn(['week', 'month'])
  period?: 'week' | 'month';

  @ApiPropertyOptional({ minimum: 1, maximum: 104, default: 12, description: 'How many periods back, this one included' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(104)
  periods?: number;

  @MinPosition()
  minPosition?: string;
}
