import { ApiProperty } from '@nestjs/swagger';
import { RESOLUTION_CODES, type ResolutionCode } from '@ledger/domain';
import { IsIn } from 'class-validator';
import { OccurredAtDto, Text } from '../dto-fields';

export class CloseIncidentDto extends OccurredAtDto {
  @ApiProperty({ enum: RESOLUTION_CODES })
  @IsIn(RESOLUTION_CODES)
  resolutionCode!: ResolutionCode;

  @Text(20_000)
  summary!: string;
}
