import { OccurredAtDto, Text } from '../dto-fields';

export class ReopenIncidentDto extends OccurredAtDto {
  @Text(5_000)
  reason!: string;
}
