import { OccurredAtDto, Text } from '../dto-fields';

export class RecoverIncidentDto extends OccurredAtDto {
  @Text(20_000, 'What was done')
  summary!: string;
}
