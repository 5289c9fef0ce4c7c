import { ApiPropertyOptional } from '@nestjs/swagger';
import { Instant } from '../dto-fields';

export class GetIncidentQueryDto {
  @ApiPropertyOptional({ format: 'date-time' })
  @Instant('Return the state as the ledger recorded it at this instant')
  asOf?: string;
}
