import { ApiProperty } from '@nestjs/swagger';
import { INCIDENT_SOURCES, type IncidentSource } from '@ledger/domain';
import { IsIn } from 'class-validator';
import { Instant, Text } from '../dto-fields';

export class LogIncidentDto {
  @Text(200, 'Short title of what happened (one line)', true)
  title!: string;

  @Text(20_000)
  description!: string;

  @ApiProperty({ enum: INCIDENT_SOURCES })
  @IsIn(INCIDENT_SOURCES)
  source!: IncidentSource;

  @Instant('When the incident itself occurred, if known')
  occurredAt?: string;

  @Instant('When the incident was detected, if known')
  detectedAt?: string;
}
