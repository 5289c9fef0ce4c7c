import { OccurredAtDto, OptionalText, Text } from '../dto-fields';

export class EradicateIncidentDto extends OccurredAtDto {
  @Text(20_000, 'What was removed or fixed')
  summary!: string;

  @OptionalText(5_000, 'Required when eradicating without containing first')
  justification?: string;
}
