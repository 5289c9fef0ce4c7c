import { OccurredAtDto, Text } from '../dto-fields';

export class RejectIncidentDto extends OccurredAtDto {
  @Text(5_000)
  reason!: string;
}
