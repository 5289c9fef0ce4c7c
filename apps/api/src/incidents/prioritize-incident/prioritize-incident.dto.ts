import { ApiProperty } from '@nestjs/swagger';
import { IMPACT_LEVELS, type ImpactLevel, URGENCY_LEVELS, type UrgencyLevel } from '@ledger/domain';
import { IsIn, IsInt } from 'class-validator';
import { OccurredAtDto } from '../dto-fields';

export class PrioritizeIncidentDto extends OccurredAtDto {
  @ApiProperty({ enum: IMPACT_LEVELS, description: '1 = high (widespread), 3 = low' })
  @IsInt()
  @IsIn(IMPACT_LEVELS)
  impact!: ImpactLevel;

  @ApiProperty({ enum: URGENCY_LEVELS, description: '1 = high (act now), 3 = low' })
  @IsInt()
  @IsIn(URGENCY_LEVELS)
  urgency!: UrgencyLevel;
}
