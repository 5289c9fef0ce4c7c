import { OccurredAtDto, Text } from '../../incidents/dto-fields';

export class ReleaseEvidenceDto extends OccurredAtDto {
  @Text(200, 'Who receives it outside the ledger, e.g. "Police cyber unit, case 2026-17"')
  releasedTo!: string;

  @Text(500, 'On whose authority: a warrant, a legal decision, the owner')
  authority!: string;

  @Text(2_000)
  reason!: string;
}
